import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, type EChartsType, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import styles from './trust-page.module.css';

// One echarts chart in SVG (crisp in screenshots, no canvas), only the pieces this view draws registered. The
// chart's own description for screen readers is the card's sentence; animation is off (no inline <style>, which
// the Content Security Policy refuses, and nothing moves under a reader's eyes).
use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

const DARK = '(prefers-color-scheme: dark)';

/** Whether the app is dark now: the charts take their colours from the same CSS variables as the page. */
export function useDarkScheme(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(DARK);
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => window.matchMedia(DARK).matches,
  );
}

/** The page's colours (global.css), read when the scheme changes. */
export function themeColours(_dark: boolean) {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    text: read('--text'),
    muted: read('--text-muted'),
    border: read('--border'),
    accent: read('--accent'),
    red: read('--red'),
    yellow: read('--yellow'),
    green: read('--green'),
    none: read('--none'),
    surface: read('--surface'),
  };
}
export type ThemeColours = ReturnType<typeof themeColours>;

export function TrustChart({
  option,
  description,
  size = 'regular',
}: {
  option: EChartsCoreOption;
  description: string;
  size?: 'regular' | 'short';
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    if (!element.current) return;
    const instance = init(element.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        aria: { enabled: true, label: { enabled: true, description } },
        // The page's own font by name: echarts measures text with it (legend widths, wrapping), so "inherit" would
        // measure one font and draw another.
        textStyle: { fontFamily: getComputedStyle(document.body).fontFamily, fontSize: 13 },
        ...option,
      },
      true,
    );
  }, [option, description]);
  return <div ref={element} role="img" className={size === 'short' ? styles.chartShort : styles.chart} />;
}
