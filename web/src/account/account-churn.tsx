import { useTranslation } from 'react-i18next';
import { formatDay, formatPercent } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { type ChurnReason, useChurnRisk } from './account-data';
import styles from './account-page.module.css';
import { reasonSentence } from './account-words';

/** Churn risk: the probability within the model's horizon and the factors raising and lowering it. */
export function ChurnSection({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const churn = useChurnRisk(id);
  const risk = churn.data?.risk;
  const horizon = churn.data?.model?.horizonDays;
  return (
    <section className={styles.card} aria-labelledby="churn-title">
      <div className={styles.cardHeader}>
        <h2 id="churn-title">{t('account.churn.title')}</h2>
        {risk && <span className={styles.muted}>{t('account.churn.asOf', { day: formatDay(risk.asOf, locale) })}</span>}
      </div>
      {churn.isPending ? (
        <div className={styles.skeletonBlock} />
      ) : churn.isError ? (
        <p role="alert">{t('account.sectionFailed', { message: churn.error.message })}</p>
      ) : !risk ? (
        <p className={styles.muted}>{churn.data?.model ? t('account.churn.notScored') : t('account.churn.noModel')}</p>
      ) : (
        <>
          <p className={styles.riskFigure}>
            <strong className={risk.probability >= 0.5 ? styles.down : undefined}>
              {formatPercent(risk.probability, locale)}
            </strong>{' '}
            {horizon ? t('account.churn.withinDays', { days: horizon }) : ''}
          </p>
          <div className={styles.reasons}>
            <Reasons title={t('account.churn.raising')} reasons={risk.raising} tone="down" />
            <Reasons title={t('account.churn.lowering')} reasons={risk.lowering} tone="up" />
          </div>
        </>
      )}
    </section>
  );
}

function Reasons({ title, reasons, tone }: { title: string; reasons: ChurnReason[]; tone: 'up' | 'down' }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const points = (value: number) =>
    new Intl.NumberFormat(locale, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }).format(value);
  return (
    <div>
      <h3>{title}</h3>
      {reasons.length === 0 ? (
        <p className={styles.muted}>{t('common.notAvailable')}</p>
      ) : (
        <ul className={styles.reasonList} data-testid={`churn-${tone === 'down' ? 'raising' : 'lowering'}`}>
          {reasons.map((reason) => (
            <li key={reason.feature ?? reason.text}>
              <span>{reasonSentence(t, reason, locale)}</span>
              <span className={`${styles.points} ${styles[tone]}`}>
                {t('account.churn.points', { value: points(reason.points) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
