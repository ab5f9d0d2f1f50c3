import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError, api, dataOf } from '../api/api-client';
import type { paths } from '../api/schema';
import { formatDecimal, formatInteger, formatPercent } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import type { Definition } from './scorecard-settings';
import styles from './settings.module.css';
import { SaveError } from './settings-form';

type Answer = paths['/api/scorecards/{name}/backtest']['post']['responses']['200']['content']['application/json'];
type Summary = Answer['proposed'];
const COLOURS = ['red', 'yellow', 'green'] as const;

/**
 * The draft judged against history beside the saved version, on the same month-ends, before anything is saved:
 * how well each orders accounts by who churned (ROC-AUC), how churny its lowest tenth is, and churn by colour.
 */
export function ScorecardBacktest(props: {
  name: string;
  current: Definition;
  proposed: Definition;
  changed: boolean;
}) {
  const { t } = useTranslation();
  const check = useMutation({
    mutationFn: async () =>
      dataOf(
        await api.POST('/api/scorecards/{name}/backtest', {
          params: { path: { name: props.name } },
          body: props.proposed,
        }),
      ),
  });
  // A result belongs to the draft it was made for: a new edit clears it.
  const draftKey = JSON.stringify(props.proposed);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the draft (by value) changes
  useEffect(() => check.reset(), [draftKey]);
  const notEnough = check.error instanceof ApiRequestError && check.error.body?.error === 'not_enough_history';

  return (
    <section className={styles.card} aria-labelledby="backtest-title">
      <h2 id="backtest-title">{t('settings.scorecards.backtestTitle')}</h2>
      <p className={styles.lead}>{t('settings.scorecards.backtestLead')}</p>
      <div className={styles.actions}>
        <button type="button" className={styles.secondary} disabled={check.isPending} onClick={() => check.mutate()}>
          {check.isPending ? t('settings.scorecards.backtestRunning') : t('settings.scorecards.backtestRun')}
        </button>
        {!props.changed && <span className={styles.hint}>{t('settings.scorecards.backtestUnchanged')}</span>}
      </div>
      {notEnough ? <p role="alert">{t('settings.scorecards.backtestNotEnough')}</p> : <SaveError error={check.error} />}
      {check.data && <Comparison answer={check.data} />}
    </section>
  );
}

function Comparison({ answer }: { answer: Answer }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const { current, proposed } = answer;
  const rate = (value: number | null | undefined) => (value == null ? '—' : formatPercent(value, locale));
  const verdict =
    current && proposed.auc != null && current.auc != null
      ? proposed.auc > current.auc
        ? 'better'
        : proposed.auc < current.auc
          ? 'worse'
          : 'same'
      : undefined;
  return (
    <div role="status" className={styles.spaced}>
      <p>
        {t('settings.scorecards.backtestBasis', {
          months: formatInteger(proposed.asOfDates.length, locale),
          observations: formatInteger(proposed.n, locale),
          churned: formatInteger(proposed.churned, locale),
          horizon: answer.horizonDays,
        })}
      </p>
      {verdict && (
        <p>
          <strong>
            {t(`settings.scorecards.verdict.${verdict}`, { before: rate(current?.auc), after: rate(proposed.auc) })}
          </strong>
        </p>
      )}
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">{t('settings.scorecards.figure')}</th>
            <th scope="col" className={styles.num}>
              {t('settings.scorecards.savedVersion', { version: current?.scorecardVersion ?? '—' })}
            </th>
            <th scope="col" className={styles.num}>
              {t('settings.scorecards.yourChanges')}
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('settings.scorecards.aucRow')}</th>
            <td className={styles.num}>{rate(current?.auc)}</td>
            <td className={styles.num}>{rate(proposed.auc)}</td>
          </tr>
          <tr>
            <th scope="row">{t('settings.scorecards.liftRow')}</th>
            <td className={styles.num}>
              {current?.liftTopDecile == null ? '—' : `×${formatDecimal(current.liftTopDecile, locale, 1)}`}
            </td>
            <td className={styles.num}>
              {proposed.liftTopDecile == null ? '—' : `×${formatDecimal(proposed.liftTopDecile, locale, 1)}`}
            </td>
          </tr>
          {COLOURS.map((colour) => (
            <tr key={colour}>
              <th scope="row">
                {t('settings.scorecards.churnRow', { colour: t(`settings.scorecards.colours.${colour}`) })}
              </th>
              <td className={styles.num}>
                {current
                  ? `${rate(current.byColor[colour].churnRate)} (${formatInteger(current.byColor[colour].accounts, locale)})`
                  : '—'}
              </td>
              <td className={styles.num}>
                {rate(proposed.byColor[colour].churnRate)} ({formatInteger(proposed.byColor[colour].accounts, locale)})
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('settings.scorecards.watermelonRow')}</th>
            <td className={styles.num}>{rate(current?.watermelons.share)}</td>
            <td className={styles.num}>{rate(proposed.watermelons.share)}</td>
          </tr>
        </tbody>
      </table>
      <p className={styles.hint}>{t('settings.scorecards.backtestHint')}</p>
    </div>
  );
}
