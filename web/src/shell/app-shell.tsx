import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { api, setCsrfToken } from '../api/api-client';
import { SESSION_KEY, type SignedInUser, useSession } from '../auth/session';
import styles from './app-shell.module.css';
import { LanguageSwitch } from './language-switch';

/** The views, in the order a CS team uses them; import and settings are the leader's and admin's (an import can set owners: not a CSM's). */
const VIEWS = [
  { path: '/my-day', key: 'myDay', roles: ['admin', 'leader', 'csm'] },
  { path: '/portfolio', key: 'portfolio', roles: ['admin', 'leader', 'csm', 'viewer'] },
  { path: '/trust', key: 'trust', roles: ['admin', 'leader', 'csm', 'viewer'] },
  { path: '/import', key: 'import', roles: ['admin', 'leader'] },
  { path: '/settings', key: 'settings', roles: ['admin', 'leader'] },
] as const;

export function AppShell() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const user = session.data as SignedInUser;

  async function signOut() {
    await api.POST('/api/auth/logout').catch(() => undefined);
    setCsrfToken(undefined);
    queryClient.clear();
    queryClient.setQueryData(SESSION_KEY, null);
    navigate('/sign-in', { replace: true });
  }

  return (
    <div className={styles.shell}>
      <a className={styles.skip} href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className={styles.header}>
        <span className={styles.brand}>
          <span className={styles.logo} aria-hidden="true">
            P
          </span>
          {t('common.appName')}
        </span>
        <nav aria-label={t('shell.mainNav')} className={styles.nav}>
          {VIEWS.filter((view) => (view.roles as readonly string[]).includes(user.role)).map((view) => (
            <NavLink
              key={view.key}
              to={view.path}
              className={({ isActive }) => (isActive ? `${styles.link} ${styles.active}` : styles.link)}
            >
              {t(`shell.nav.${view.key}`)}
            </NavLink>
          ))}
        </nav>
        <div className={styles.tools}>
          <LanguageSwitch />
          <span className={styles.user} title={user.email}>
            <span className={styles.userName}>{user.name}</span>
            <span className={styles.role}>{t(`shell.roles.${user.role}`)}</span>
          </span>
          <button type="button" className={styles.signOut} onClick={() => void signOut()}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <main id="main" className={styles.main}>
        <Outlet />
      </main>
    </div>
  );
}
