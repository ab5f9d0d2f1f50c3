import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireSession } from './auth/require-session';
import { SignInPage } from './auth/sign-in-page';
import { PortfolioPage } from './portfolio/portfolio-page';
import { AppShell } from './shell/app-shell';
import { PageLoading } from './shell/page-loading';

// The portfolio is where a CS team starts its day: it is in the first download. Every other view is fetched when
// first opened, so the charts and the importer never weigh on the first paint.
const AccountPage = lazy(() => import('./account/account-page').then((m) => ({ default: m.AccountPage })));
const TrustPage = lazy(() => import('./trust/trust-page').then((m) => ({ default: m.TrustPage })));
const ImportPage = lazy(() => import('./import/import-page').then((m) => ({ default: m.ImportPage })));
const MyDayPage = lazy(() => import('./tasks/my-day-page').then((m) => ({ default: m.MyDayPage })));
const SettingsPage = lazy(() => import('./settings/settings-page').then((m) => ({ default: m.SettingsPage })));

/** Every view has its own URL. */
export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route
        element={
          <RequireSession>
            <AppShell />
          </RequireSession>
        }
      >
        <Route path="/portfolio" element={<PortfolioPage />} />
        <Route path="/my-day/*" element={<Lazy page={<MyDayPage />} />} />
        <Route path="/accounts/:id/*" element={<Lazy page={<AccountPage />} />} />
        <Route path="/trust/*" element={<Lazy page={<TrustPage />} />} />
        <Route path="/import/*" element={<Lazy page={<ImportPage />} />} />
        <Route path="/settings/*" element={<Lazy page={<SettingsPage />} />} />
        <Route path="*" element={<Navigate to="/portfolio" replace />} />
      </Route>
    </Routes>
  );
}

function Lazy({ page }: { page: React.ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{page}</Suspense>;
}
