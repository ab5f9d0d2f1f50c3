import { Navigate, Route, Routes } from 'react-router';
import { RequireSession } from './auth/require-session';
import { SignInPage } from './auth/sign-in-page';
import { PortfolioPage } from './portfolio/portfolio-page';
import { AppShell } from './shell/app-shell';
import { ComingSoonPage } from './shell/coming-soon-page';

/** Every view has its own URL; the ones of later releases already have theirs. */
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
        <Route path="/trust" element={<ComingSoonPage view="trust" />} />
        <Route path="/import" element={<ComingSoonPage view="import" />} />
        <Route path="/settings" element={<ComingSoonPage view="settings" />} />
        <Route path="*" element={<Navigate to="/portfolio" replace />} />
      </Route>
    </Routes>
  );
}
