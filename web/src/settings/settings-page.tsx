import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { type SignedInUser, useSession } from '../auth/session';
import { KeySettings } from './key-settings';
import { ScorecardSettings } from './scorecard-settings';
import styles from './settings.module.css';
import { TeamSettings } from './team-settings';
import { WorkspaceSettings } from './workspace-settings';

/** Each part of the settings and who may change it: the API refuses the rest anyway, the app does not offer it. */
const SECTIONS = [
  { path: 'workspace', roles: ['admin', 'leader'], element: <WorkspaceSettings /> },
  { path: 'scorecards', roles: ['admin', 'leader'], element: <ScorecardSettings /> },
  { path: 'keys', roles: ['admin'], element: <KeySettings /> },
  { path: 'users', roles: ['admin'], element: <TeamSettings /> },
] as const;

export function SettingsPage() {
  const { t } = useTranslation();
  const user = useSession().data as SignedInUser;
  const allowed = SECTIONS.filter((section) => (section.roles as readonly string[]).includes(user.role));
  if (allowed.length === 0) {
    return (
      <section className="page-status">
        <h1>{t('settings.title')}</h1>
        <p role="alert">{t('settings.notAllowed')}</p>
      </section>
    );
  }
  return (
    <div className={styles.page}>
      <h1 className={styles.title}>{t('settings.title')}</h1>
      <div className={styles.layout}>
        <nav aria-label={t('settings.sections')} className={styles.sideNav}>
          {allowed.map((section) => (
            <NavLink
              key={section.path}
              to={`/settings/${section.path}`}
              className={({ isActive }) => (isActive ? `${styles.sideLink} ${styles.active}` : styles.sideLink)}
            >
              {t(`settings.nav.${section.path}`)}
            </NavLink>
          ))}
        </nav>
        <div className={styles.content}>
          <Routes>
            {allowed.map((section) => (
              <Route key={section.path} path={section.path} element={section.element} />
            ))}
            <Route path="*" element={<Navigate to={`/settings/${allowed[0]?.path ?? 'workspace'}`} replace />} />
          </Routes>
        </div>
      </div>
    </div>
  );
}
