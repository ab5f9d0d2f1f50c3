import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ECharts, type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, formatInteger, formatPercent } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { useHealthHistory, useUsage } from './account-data';
import { addDaysTo, todayUtc } from './account-days';
import styles from './account-page.module.css';

use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** The page's colours, read from its CSS variables so charts follow light and dark mode. */
function cssColour(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#1f5fbf';
}

/** One echarts chart in a box of fixed height (nothing jumps when data arrives); SVG, resized with its box. */
function Chart({ option, label }: { option: EChartsCoreOption; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | undefined>(undefined);
  useEffect(() => {
    if (!box.current) return;
    chart.current = init(box.current, null, { renderer: 'svg' });
    const observer = new ResizeObserver(() => chart.current?.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, []);
  // The option is rebuilt on every render; the chart is redrawn only when what it says changed.
  const serialized = JSON.stringify(option);
  useEffect(() => {
    chart.current?.setOption(JSON.parse(serialized) as EChartsCoreOption, true);
  }, [serialized]);
  return <div ref={box} className={styles.chart} role="img" aria-label={label} />;
}

const WEEKS = 26;

/** Usage over time: weekly active users and key features used; health and usage measures by scored day. */
export function UsageSection({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const to = todayUtc();
  const from = addDaysTo(to, -7 * WEEKS);
  const usage = useUsage(id, from, to);
  const history = useHealthHistory(id, addDaysTo(to, -180), to);
  const text = cssColour('--text-muted');
  const grid = { left: 40, right: 40, top: 36, bottom: 28 };
  const axisLabel = { color: text, fontSize: 11 };
  const legend = { top: 0, textStyle: { color: text, fontSize: 11 }, itemWidth: 14, itemHeight: 8 };

  const series = usage.data?.series ?? [];
  const summary = usage.data?.summary;
  const usageOption: EChartsCoreOption = {
    animation: false,
    grid,
    legend,
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: series.map((point) => formatDay(point.period, locale)),
      axisLabel,
    },
    yAxis: [
      { type: 'value', minInterval: 1, axisLabel, splitLine: { lineStyle: { color: cssColour('--border') } } },
      { type: 'value', minInterval: 1, axisLabel, splitLine: { show: false } },
    ],
    series: [
      {
        name: t('account.usage.activeUsers'),
        type: 'line',
        areaStyle: { opacity: 0.15 },
        showSymbol: false,
        data: series.map((point) => point.activeUsers),
        color: cssColour('--accent'),
      },
      {
        name: t('account.usage.keyFeatures'),
        type: 'bar',
        yAxisIndex: 1,
        barMaxWidth: 8,
        data: series.map((point) => point.keyFeaturesUsed),
        color: cssColour('--yellow'),
      },
    ],
  };

  const days = history.data?.days ?? [];
  const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
  const healthOption: EChartsCoreOption = {
    animation: false,
    grid,
    legend,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: days.map((d) => formatDay(d.day, locale)), axisLabel },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel, splitLine: { lineStyle: { color: cssColour('--border') } } },
    series: [
      {
        name: t('account.usage.healthScore'),
        type: 'line',
        data: days.map((d) => d.score),
        color: cssColour('--text'),
        symbolSize: 6,
        lineStyle: { width: 2 },
      },
      {
        name: t('account.usage.licence'),
        type: 'line',
        data: days.map((d) => percent(d.measures.licenceUtilisation)),
        color: cssColour('--accent'),
        symbolSize: 5,
      },
      {
        name: t('account.usage.alive'),
        type: 'line',
        data: days.map((d) => percent(d.measures.probabilityAlive)),
        color: cssColour('--green'),
        symbolSize: 5,
      },
      {
        name: t('account.usage.breadth'),
        type: 'line',
        data: days.map((d) => percent(d.measures.keyFeaturesUsed)),
        color: cssColour('--yellow'),
        symbolSize: 5,
      },
    ],
  };

  return (
    <section className={styles.card} aria-labelledby="usage-title">
      <div className={styles.cardHeader}>
        <h2 id="usage-title">{t('account.usage.title')}</h2>
      </div>
      <dl className={styles.facts}>
        <Figure label={t('account.usage.mau')} value={summary && formatInteger(summary.mau, locale)} />
        <Figure
          label={t('account.usage.seats')}
          value={summary && (summary.seats === null ? '—' : formatInteger(summary.seats, locale))}
        />
        <Figure
          label={t('account.usage.licence')}
          value={
            summary && (summary.licenceUtilisation === null ? '—' : formatPercent(summary.licenceUtilisation, locale))
          }
        />
        <Figure
          label={t('account.usage.stickiness')}
          value={summary && (summary.stickiness === null ? '—' : formatPercent(summary.stickiness, locale))}
        />
        <Figure
          label={t('account.usage.breadth')}
          value={summary && (summary.breadth.share === null ? '—' : formatPercent(summary.breadth.share, locale))}
        />
      </dl>
      <div className={styles.charts}>
        <figure className={styles.figureBox}>
          <figcaption>{t('account.usage.usageChart', { weeks: WEEKS })}</figcaption>
          {usage.isPending ? (
            <div className={styles.chart} />
          ) : series.every((point) => point.activeUsers === 0) ? (
            <p className={`${styles.chart} ${styles.emptyChart}`}>{t('account.usage.noUsage')}</p>
          ) : (
            <Chart option={usageOption} label={t('account.usage.usageChart', { weeks: WEEKS })} />
          )}
        </figure>
        <figure className={styles.figureBox}>
          <figcaption>{t('account.usage.healthChart')}</figcaption>
          {history.isPending ? (
            <div className={styles.chart} />
          ) : days.length === 0 ? (
            <p className={`${styles.chart} ${styles.emptyChart}`}>{t('account.usage.noHistory')}</p>
          ) : (
            <Chart option={healthOption} label={t('account.usage.healthChart')} />
          )}
        </figure>
      </div>
    </section>
  );
}

function Figure({ label, value }: { label: string; value: string | undefined }) {
  return (
    <div className={styles.fact}>
      <dt>{label}</dt>
      <dd>{value ?? '\u00a0'}</dd>
    </div>
  );
}
