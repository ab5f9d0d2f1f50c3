import { useTranslation } from 'react-i18next';

/** What a view shows while its code or first data arrives: one line, in the place the view's heading will take. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <p className="page-status" role="status">
      {t('common.loading')}
    </p>
  );
}
