import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ThemeColours, TrustChart, themeColours, useDarkScheme } from './trust-chart';
import { type ChurnReport, type HealthAnswer, type HealthReport, useAcceptWeights } from './trust-data';
import {
  calibrationSummary,
  colourContrast,
  overallChurnRate,
  PREDICTORS,
  type Predictor,
  topTenthChurnRate,
} from './trust-figures';
import { formats } from './trust-format';
import styles from './trust-page.module.css';

// One card per picture, each with the one sentence that says what it means. The sentence is also the chart's
// description for screen readers.

/** Each predictor's colour, one hue apart from the health colours (green/yellow/red mean health here). */
function predictorColours(c: ThemeColours, dark: boolean): Record<Predictor | 'average', string> {
  return {
    model: c.accent,
    healthScore: dark ? '#c39bf2' : '#7b3fb8',
    daysSinceLastActive: dark ? '#f2a65a' : '#b45309',
    average: c.none,
  };
}

function useTheme() {
  const dark = useDarkScheme();
  return useMemo(() => {
    const colours = themeColours(dark);
    return { colours, dark, predictors: predictorColours(colours, dark) };
  }, [dark]);
}

const axisText = (c: ThemeColours) => ({ color: c.muted, fontSize: 13 });
const percentAxis = (c: ThemeColours, name: string, max?: number) => ({
  type: 'value',
  min: 0,
  ...(max === undefined ? {} : { max }),
  name,
  nameLocation: 'middle',
  nameGap: 36,
  nameTextStyle: { color: c.text, fontSize: 13 },
  axisLabel: { ...axisText(c), formatter: (v: number) => formats.percent(v) },
  splitLine: { lineStyle: { color: c.border } },
  axisLine: { lineStyle: { color: c.border } },
});

function Card({
  title,
  sentence,
  note,
  children,
  id,
}: {
  title: string;
  sentence: string;
  note?: string;
  children: React.ReactNode;
  id: string;
}) {
  return (
    <section className={styles.card} aria-labelledby={`${id}-title`} data-card={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className={styles.sentence} data-sentence={id}>
        {sentence}
      </p>
      {children}
      {note && <p className={styles.note}>{note}</p>}
    </section>
  );
}

export function RocCard({ report }: { report: ChurnReport }) {
  const { t } = useTranslation();
  const { colours: c, predictors } = useTheme();
  const sentence = t('trust.roc.sentence', {
    model: formats.percent(report.model.rocAuc),
    health: formats.percent(report.healthScore.rocAuc),
    days: formats.percent(report.daysSinceLastActive.rocAuc),
  });
  const option = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 64, right: 20, top: 76, bottom: 52 },
      legend: { top: 0, left: 0, textStyle: { color: c.text, fontSize: 13 }, itemGap: 14 },
      tooltip: { trigger: 'item', valueFormatter: (v: number) => formats.percent(v) },
      xAxis: percentAxis(c, t('trust.roc.xAxis'), 1),
      yAxis: percentAxis(c, t('trust.roc.yAxis'), 1),
      series: [
        ...PREDICTORS.map((p) => ({
          type: 'line',
          name: t('trust.roc.legend', {
            name: t(`trust.predictors.${p}`),
            auc: formats.decimal(report[p].rocAuc, 2),
          }),
          data: report.roc[p].map((point) => [point.fpr, point.tpr]),
          showSymbol: false,
          lineStyle: { width: p === 'model' ? 3.5 : 2.5, color: predictors[p] },
          itemStyle: { color: predictors[p] },
        })),
        {
          type: 'line',
          name: t('trust.predictors.chance'),
          data: [
            [0, 0],
            [1, 1],
          ],
          showSymbol: false,
          lineStyle: { width: 1.5, type: 'dashed', color: c.none },
          itemStyle: { color: c.none },
        },
      ],
    }),
    [report, c, predictors, t],
  );
  const spread = report.seeds.rocAuc;
  return (
    <Card
      id="roc"
      title={t('trust.roc.title')}
      sentence={sentence}
      note={t('trust.roc.note', {
        n: formats.integer(report.n),
        dates: report.testedDates.length,
        from: formats.day(report.testedDates[0]),
        to: formats.day(report.testedDates.at(-1)),
        seeds: report.seeds.seeds.length,
        min: formats.decimal(spread?.min ?? null, 2),
        max: formats.decimal(spread?.max ?? null, 2),
      })}
    >
      <TrustChart option={option} description={sentence} />
    </Card>
  );
}

/** The riskiest tenth of each predictor, and every account. */
const LIFT_BARS: (Predictor | 'average')[] = [...PREDICTORS, 'average'];

export function LiftCard({ report }: { report: ChurnReport }) {
  const { t } = useTranslation();
  const { colours: c, predictors } = useTheme();
  const days = report.horizonDays;
  const average = overallChurnRate(report);
  const rate = topTenthChurnRate(report.model);
  const sentence =
    rate === null || report.model.liftTopDecile === null
      ? t('trust.lift.sentenceNone')
      : t('trust.lift.sentence', {
          rate: formats.percent(rate),
          days,
          lift: formats.decimal(report.model.liftTopDecile),
          average: formats.percent(average),
        });
  const option = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 64, right: 20, top: 28, bottom: 40 },
      tooltip: { trigger: 'item', valueFormatter: (v: number) => formats.percent(v) },
      xAxis: {
        type: 'category',
        data: LIFT_BARS.map((b) => t(`trust.predictors.${b}`)),
        axisLabel: { ...axisText(c), color: c.text, interval: 0 },
        axisLine: { lineStyle: { color: c.border } },
      },
      yAxis: { ...percentAxis(c, t('trust.lift.yAxis', { days })), nameGap: 44 },
      series: [
        {
          type: 'bar',
          barWidth: '52%',
          data: LIFT_BARS.map((b) => ({
            value: b === 'average' ? average : topTenthChurnRate(report[b]),
            itemStyle: { color: predictors[b], borderRadius: [4, 4, 0, 0] },
          })),
          label: {
            show: true,
            position: 'top',
            color: c.text,
            fontSize: 14,
            fontWeight: 600,
            formatter: ({ value }: { value: number | null }) => formats.percent(value),
          },
        },
      ],
    }),
    [report, c, predictors, t, average, days],
  );
  return (
    <Card
      id="lift"
      title={t('trust.lift.title')}
      sentence={sentence}
      note={t('trust.lift.note', { n: formats.integer(report.n) })}
    >
      <TrustChart option={option} description={sentence} />
    </Card>
  );
}

export function CalibrationCard({ report }: { report: ChurnReport }) {
  const { t } = useTranslation();
  const { colours: c, predictors } = useTheme();
  const summary = calibrationSummary(report.model);
  const sentence = summary
    ? t('trust.calibration.sentence', {
        predicted: formats.percent(summary.predicted),
        observed: formats.percent(summary.observed),
        topPredicted: formats.percent(summary.topPredicted),
        topObserved: formats.percent(summary.topObserved),
      })
    : t('trust.empty.none');
  const bins = report.model.calibration;
  const top = Math.min(
    1,
    Math.ceil(Math.max(0.1, ...bins.map((b) => Math.max(b.meanPredicted, b.observedRate))) * 10) / 10,
  );
  const option = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 64, right: 20, top: 40, bottom: 52 },
      legend: { top: 0, left: 0, textStyle: { color: c.text, fontSize: 13 } },
      tooltip: { trigger: 'item', valueFormatter: (v: number) => formats.percent(v) },
      xAxis: percentAxis(c, t('trust.calibration.xAxis'), top),
      yAxis: percentAxis(c, t('trust.calibration.yAxis'), top),
      series: [
        {
          type: 'line',
          name: t('trust.calibration.observed'),
          data: bins.map((b) => [b.meanPredicted, b.observedRate]),
          symbol: 'circle',
          symbolSize: 10,
          lineStyle: { width: 2.5, color: predictors.model },
          itemStyle: { color: predictors.model },
        },
        {
          type: 'line',
          name: t('trust.calibration.perfect'),
          data: [
            [0, 0],
            [top, top],
          ],
          showSymbol: false,
          lineStyle: { width: 1.5, type: 'dashed', color: c.none },
          itemStyle: { color: c.none },
        },
      ],
    }),
    [bins, c, predictors, t, top],
  );
  return (
    <Card id="calibration" title={t('trust.calibration.title')} sentence={sentence} note={t('trust.calibration.note')}>
      <TrustChart option={option} description={sentence} />
    </Card>
  );
}

const COLOURS = ['green', 'yellow', 'red'] as const;

export function ColourCard({ report }: { report: HealthReport }) {
  const { t } = useTranslation();
  const { colours: c } = useTheme();
  const days = report.horizonDays;
  const contrast = colourContrast(report);
  const sentence =
    contrast.ratio === null
      ? t('trust.colour.sentenceNoRatio', {
          days,
          red: formats.percent(contrast.red),
          green: formats.percent(contrast.green),
        })
      : t('trust.colour.sentence', {
          days,
          red: formats.percent(contrast.red),
          green: formats.percent(contrast.green),
          ratio: formats.decimal(contrast.ratio),
        });
  const option = useMemo<EChartsCoreOption>(
    () => ({
      grid: { left: 64, right: 20, top: 28, bottom: 52 },
      tooltip: { trigger: 'item', valueFormatter: (v: number) => formats.percent(v) },
      xAxis: {
        type: 'category',
        data: COLOURS.map(
          (colour) =>
            `${t(`trust.colours.${colour}`)}\n${t('trust.colour.accounts', { n: formats.integer(report.byColor[colour].accounts) })}`,
        ),
        axisLabel: { ...axisText(c), color: c.text, lineHeight: 18, interval: 0 },
        axisLine: { lineStyle: { color: c.border } },
      },
      yAxis: { ...percentAxis(c, t('trust.colour.yAxis', { days })), nameGap: 44 },
      series: [
        {
          type: 'bar',
          barWidth: '46%',
          data: COLOURS.map((colour) => ({
            value: report.byColor[colour].churnRate,
            itemStyle: { color: c[colour], borderRadius: [4, 4, 0, 0] },
          })),
          label: {
            show: true,
            position: 'top',
            color: c.text,
            fontSize: 14,
            fontWeight: 600,
            formatter: ({ value }: { value: number | null }) => formats.percent(value),
          },
        },
      ],
    }),
    [report, c, t, days],
  );
  return (
    <Card
      id="colour"
      title={t('trust.colour.title')}
      sentence={sentence}
      note={t('trust.colour.note', {
        n: formats.integer(report.n),
        dates: report.asOfDates.length,
        from: formats.day(report.asOfDates[0]),
        to: formats.day(report.asOfDates.at(-1)),
        scorecard: report.scorecard,
        version: report.scorecardVersion,
      })}
    >
      <TrustChart option={option} description={sentence} />
    </Card>
  );
}

export function WatermelonsCard({ report }: { report: HealthReport }) {
  const { t } = useTranslation();
  const w = report.watermelons;
  const sentence =
    w.greenThirtyDaysBefore === 0
      ? t('trust.watermelons.sentenceNone', { churners: formats.integer(w.churners) })
      : t('trust.watermelons.sentence', {
          green: formats.integer(w.greenThirtyDaysBefore),
          churners: formats.integer(w.churners),
          share: formats.percent(w.share),
        });
  return (
    <Card id="watermelons" title={t('trust.watermelons.title')} sentence={sentence}>
      <div className={styles.tableBox}>
        {w.accounts.length === 0 ? (
          <p className={styles.emptyState}>{t('trust.watermelons.empty')}</p>
        ) : (
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t('trust.watermelons.account')}</th>
                <th scope="col">{t('trust.watermelons.ended')}</th>
                <th scope="col" className={styles.number}>
                  {t('trust.watermelons.score')}
                </th>
              </tr>
            </thead>
            <tbody>
              {w.accounts.map((account) => (
                <tr key={account.accountId}>
                  <td>
                    <Link to={`/accounts/${account.accountId}`}>{account.name}</Link>
                  </td>
                  <td>{formats.day(account.endedOn)}</td>
                  <td className={styles.number}>
                    <span className={`${styles.dot} ${styles.green}`} aria-hidden="true" />
                    {formats.decimal(account.score, 0)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Card>
  );
}

export function WeightsCard({
  report,
  reportId,
  judgement,
  stale,
  mayAccept,
}: {
  report: HealthReport;
  reportId: string | null;
  judgement: HealthAnswer['judgement'];
  stale: boolean;
  mayAccept: boolean;
}) {
  const { t } = useTranslation();
  const accept = useAcceptWeights();
  const s = report.suggestion;
  if (!s) {
    return (
      <Card id="weights" title={t('trust.weights.title')} sentence={t('trust.weights.sentenceNone')}>
        <div className={styles.tableBox} />
      </Card>
    );
  }
  const better = judgement?.better === true;
  const sentence = t(better ? 'trust.weights.sentenceBetter' : 'trust.weights.sentenceWorse', {
    months: s.judgedOn.length,
    suggested: formats.percent(s.suggested.auc),
    current: formats.percent(s.current.auc),
  });
  const currentTotal = s.groups.reduce((sum, g) => sum + g.weight, 0) || 1;
  const suggestedTotal = s.groups.reduce((sum, g) => sum + g.suggestedWeight, 0) || 1;
  return (
    <Card id="weights" title={t('trust.weights.title')} sentence={sentence}>
      <div className={styles.weights}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t('trust.weights.group')}</th>
              <th scope="col" className={styles.number}>
                {t('trust.weights.current')}
              </th>
              <th scope="col" className={styles.number}>
                {t('trust.weights.suggested')}
              </th>
            </tr>
          </thead>
          <tbody>
            {s.groups.map((g) => (
              <tr key={g.name}>
                <td>{t(`trust.groups.${g.name}`, { defaultValue: g.name })}</td>
                <td className={styles.number}>{formats.percent(g.weight / currentTotal)}</td>
                <td className={styles.number}>
                  <strong>{formats.percent(g.suggestedWeight / suggestedTotal)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className={styles.heldOut}>
          <h3>
            {t('trust.weights.heldOut', { from: formats.day(s.judgedOn[0]), to: formats.day(s.judgedOn.at(-1)) })}
          </h3>
          <dl>
            <dt>{t('trust.weights.auc')}</dt>
            <dd>
              {formats.percent(s.current.auc)} → <strong>{formats.percent(s.suggested.auc)}</strong>
            </dd>
            <dt>{t('trust.weights.lift')}</dt>
            <dd>
              {formats.decimal(s.current.liftTopDecile)}× →{' '}
              <strong>{formats.decimal(s.suggested.liftTopDecile)}×</strong>
            </dd>
          </dl>
          {mayAccept ? (
            <>
              <button
                type="button"
                className={styles.primary}
                disabled={!better || stale || !reportId || accept.isPending || accept.isSuccess}
                onClick={() => reportId && accept.mutate(reportId)}
              >
                {accept.isPending ? t('trust.weights.accepting') : t('trust.weights.accept')}
              </button>
              {stale && <p className={styles.note}>{t('trust.weights.stale')}</p>}
              {accept.data && (
                <p role="status" className={styles.success}>
                  {t('trust.weights.accepted', { version: accept.data.version, name: accept.data.name })}
                </p>
              )}
              {accept.error && (
                <p role="alert" className={styles.error}>
                  {t('trust.weights.acceptFailed', { message: accept.error.message })}
                </p>
              )}
            </>
          ) : (
            <p className={styles.note}>{t('trust.weights.readOnly')}</p>
          )}
        </div>
      </div>
    </Card>
  );
}
