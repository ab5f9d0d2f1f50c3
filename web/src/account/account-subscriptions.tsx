import { useTranslation } from 'react-i18next';
import { formatDay, formatInteger, formatMoney } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { useSubscriptions } from './account-data';
import styles from './account-page.module.css';

/** Subscriptions, newest first: plan, MRR in its own currency, seats, dates and status. */
export function SubscriptionsSection({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const subscriptions = useSubscriptions(id);
  const rows = subscriptions.data?.data ?? [];
  const none = t('common.notAvailable');
  return (
    <section className={styles.card} aria-labelledby="subscriptions-title">
      <div className={styles.cardHeader}>
        <h2 id="subscriptions-title">{t('account.subscriptions.title')}</h2>
      </div>
      {subscriptions.isPending ? (
        <div className={styles.skeletonBlock} />
      ) : subscriptions.isError ? (
        <p role="alert">{t('account.sectionFailed', { message: subscriptions.error.message })}</p>
      ) : rows.length === 0 ? (
        <p className={styles.muted}>{t('account.subscriptions.none')}</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t('account.subscriptions.plan')}</th>
              <th scope="col">{t('account.subscriptions.status')}</th>
              <th scope="col" className={styles.numeric}>
                {t('account.subscriptions.mrr')}
              </th>
              <th scope="col" className={styles.numeric}>
                {t('account.subscriptions.seats')}
              </th>
              <th scope="col">{t('account.subscriptions.period')}</th>
              <th scope="col">{t('account.subscriptions.start')}</th>
              <th scope="col">{t('account.subscriptions.end')}</th>
              <th scope="col">{t('account.subscriptions.renewal')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id}>
                <th scope="row" className={styles.measureName}>
                  {s.plan ?? none}
                </th>
                <td>{t(`account.subscriptions.statuses.${s.status}`)}</td>
                <td className={styles.numeric}>
                  {formatMoney({ amount: String(s.mrr), currency: s.currency }, locale)}
                </td>
                <td className={styles.numeric}>{s.seats === null ? none : formatInteger(s.seats, locale)}</td>
                <td>{t(`account.subscriptions.periods.${s.billingPeriod}`)}</td>
                <td>{formatDay(s.startDate, locale)}</td>
                <td>{s.endDate ? formatDay(s.endDate, locale) : none}</td>
                <td>{s.renewalDate ? formatDay(s.renewalDate, locale) : none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
