import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../api/api-client';
import { type SignedInUser, useSession } from '../auth/session';
import { formatAgo, formatInteger, formatWait } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { CalibrationCard, ColourCard, LiftCard, RocCard, WatermelonsCard, WeightsCard } from './trust-cards';
import { type ChurnAnswer, type HealthAnswer, useChurnEvaluation, useHealthBacktest, useRecompute } from './trust-data';
import styles from './trust-page.module.css';

/** Leaders and admins change what the scores are built from; everyone else reads. */
export function mayChangeScores(user: SignedInUser | null | undefined): boolean {
  return user?.role === 'leader' || user?.role === 'admin';
}

export function TrustPage() {
  const { t } = useTranslation();
  const session = useSession();
  const health = useHealthBacktest();
  const churn = useChurnEvaluation();
  const recompute = useRecompute();
  const leader = mayChangeScores(session.data);
  const computing = health.data?.state === 'computing' || churn.data?.state === 'computing';
  const days = churn.data?.report?.horizonDays ?? health.data?.report?.horizonDays ?? 90;

  return (
    <div className={styles.page}>
      <div className={styles.heading}>
        <div>
          <h1 className={styles.title}>{t('trust.title')}</h1>
          <p className={styles.intro}>{t('trust.intro', { days })}</p>
        </div>
        <div className={styles.actions}>
          <ul className={styles.statusList} aria-live="polite">
            <ReportStatus label={t('trust.status.health')} answer={health.data} />
            <ReportStatus label={t('trust.status.churn')} answer={churn.data} />
          </ul>
          {leader && (
            <button
              type="button"
              className={styles.primary}
              disabled={computing || recompute.isPending}
              title={t('trust.recomputeHint')}
              onClick={() => recompute.mutate()}
            >
              {computing || recompute.isPending ? t('trust.recomputing') : t('trust.recompute')}
            </button>
          )}
        </div>
      </div>
      {recompute.error && (
        <p role="alert" className={styles.error}>
          {t('common.error', { message: recompute.error.message })}
        </p>
      )}
      <div className={styles.grid}>
        <Report answer={churn} days={days} title={t('trust.roc.title')}>
          {(report) => <RocCard report={report} />}
        </Report>
        <Report answer={churn} days={days} title={t('trust.lift.title')}>
          {(report) => <LiftCard report={report} />}
        </Report>
        <Report answer={churn} days={days} title={t('trust.calibration.title')}>
          {(report) => <CalibrationCard report={report} />}
        </Report>
        <Report answer={health} days={days} title={t('trust.colour.title')}>
          {(report) => <ColourCard report={report} />}
        </Report>
        <Report answer={health} days={days} title={t('trust.watermelons.title')}>
          {(report) => <WatermelonsCard report={report} />}
        </Report>
        <Report answer={health} days={days} title={t('trust.weights.title')}>
          {(report, answer) => (
            <WeightsCard
              report={report}
              reportId={answer.reportId}
              judgement={(answer as HealthAnswer).judgement}
              stale={(answer as HealthAnswer).stale}
              mayAccept={leader}
            />
          )}
        </Report>
      </div>
    </div>
  );
}

function ReportStatus({ label, answer }: { label: string; answer: HealthAnswer | ChurnAnswer | undefined }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  if (!answer) return <li className={styles.status}>{label}: …</li>;
  const ago = (at: string) => formatAgo(at, locale);
  let text: string;
  if (answer.state === 'computing' && answer.computing)
    text = t('trust.status.computing', { ago: ago(answer.computing.startedAt) });
  else if (answer.state === 'ready' && answer.computedAt)
    text = answer.lastError
      ? t('trust.status.failedSince', { ago: ago(answer.computedAt) })
      : t('trust.status.ready', { ago: ago(answer.computedAt), took: formatWait(answer.seconds ?? 0, locale) });
  else if (answer.state === 'not_enough_history') text = t('trust.status.notEnoughHistory');
  else if (answer.state === 'failed') text = t('trust.status.failed');
  else text = t('trust.status.none');
  const stale = 'stale' in answer && answer.stale;
  const models = answer.state === 'computing' ? answer.computing?.models : null;
  return (
    <li className={styles.status}>
      <strong>{label}</strong>: {text}
      {models && (
        <>
          {' '}
          <progress
            className={styles.progress}
            value={models.done}
            max={models.total}
            aria-label={t('trust.status.progressLabel')}
          />{' '}
          {t('trust.status.progress', {
            done: formatInteger(models.done, locale),
            total: formatInteger(models.total, locale),
          })}
        </>
      )}
      {stale && <span className={styles.stale}> — {t('trust.status.stale')}</span>}
    </li>
  );
}

type Query<A> = { data?: A; error: Error | null; isPending: boolean };

/** One card's frame: its title always, then the picture, or a skeleton of the same size, or why there is none. */
function Report<A extends HealthAnswer | ChurnAnswer>({
  answer,
  title,
  days,
  children,
}: {
  answer: Query<A>;
  title: string;
  days: number;
  children: (report: NonNullable<A['report']>, answer: A) => React.ReactNode;
}) {
  const { t } = useTranslation();
  const data = answer.data;
  if (data?.report) return <>{children(data.report as NonNullable<A['report']>, data)}</>;
  let message: string;
  if (answer.error) {
    message = t('trust.empty.failed', {
      message: answer.error instanceof ApiRequestError ? answer.error.message : String(answer.error),
    });
  } else if (!data || data.state === 'computing') message = t('trust.empty.computing');
  else if (data.state === 'not_enough_history') message = t('trust.empty.notEnoughHistory', { days });
  else if (data.state === 'failed') message = t('trust.empty.failed', { message: data.lastError?.message ?? '' });
  else message = t('trust.empty.none');
  const busy = !answer.error && (!data || data.state === 'computing');
  return (
    <section className={styles.card} aria-busy={busy}>
      <h2>{title}</h2>
      <p className={busy ? styles.placeholder : styles.emptyState}>{message}</p>
      {busy && <div className={styles.skeleton} aria-hidden="true" />}
    </section>
  );
}
