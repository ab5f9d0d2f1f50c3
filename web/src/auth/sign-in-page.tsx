import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, setCsrfToken } from '../api/api-client';
import { formatWait } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { LanguageSwitch } from '../shell/language-switch';
import { SESSION_KEY, safeReturnPath } from './session';
import styles from './sign-in-page.module.css';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError('');
    if (!email.trim() || !password) {
      setError(t('signIn.invalid'));
      return;
    }
    setBusy(true);
    try {
      const result = await api.POST('/api/auth/login', { body: { email: email.trim(), password } });
      const status = result.response.status;
      if (result.data?.user) {
        setCsrfToken(result.data.csrfToken);
        queryClient.setQueryData(SESSION_KEY, result.data.user);
        navigate(safeReturnPath(params.get('next')), { replace: true });
        return;
      }
      if (status === 429) {
        const wait = Number(result.response.headers.get('Retry-After')) || 60;
        setError(t('signIn.tooManyAttempts', { time: formatWait(wait, currentLanguage()) }));
      } else if (status === 401 || status === 403) {
        setError(t('signIn.wrongCredentials'));
      } else if (status === 400) {
        setError(t('signIn.invalid'));
      } else {
        setError(t('signIn.failed', { message: (result.error as { message?: string })?.message ?? status }));
      }
    } catch (failure) {
      setError(t('signIn.failed', { message: (failure as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={styles.page}>
      <main className={styles.card}>
        <div className={styles.top}>
          <span className={styles.logo} aria-hidden="true">
            P
          </span>
          <LanguageSwitch />
        </div>
        <h1 className={styles.title}>{t('signIn.title')}</h1>
        <p className={styles.subtitle}>{t('signIn.subtitle')}</p>
        <form onSubmit={submit} noValidate className={styles.form}>
          <label className={styles.field}>
            <span>{t('signIn.email')}</span>
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'sign-in-error' : undefined}
            />
          </label>
          <label className={styles.field}>
            <span>{t('signIn.password')}</span>
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'sign-in-error' : undefined}
            />
          </label>
          {/* Always in the layout, so that an error does not push the button down. */}
          <p id="sign-in-error" className={styles.error} role="alert">
            {error}
          </p>
          <button type="submit" className={styles.submit} disabled={busy}>
            {busy ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
