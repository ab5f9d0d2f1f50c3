import { useTranslation } from 'react-i18next';

/** A view of a later release: its URL and its place in the navigation exist already. */
export function ComingSoonPage({ view }: { view: 'account' | 'trust' | 'import' | 'settings' | 'myDay' }) {
  const { t } = useTranslation();
  return (
    <section className="page-status">
      <h1>{t(`shell.nav.${view}`, { defaultValue: view })}</h1>
      <p>
        <strong>{t('shell.comingSoon')}</strong> — {t('shell.comingSoonBody')}
      </p>
    </section>
  );
}
