import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { formatDay, formatMoment } from '../i18n/format';
import styles from './import-page.module.css';

export const STEPS = ['choose', 'map', 'preview', 'run'] as const;
export type Step = (typeof STEPS)[number];

/** The page around each step: its heading, the steps with the current one marked, and the step itself. */
export function ImportLayout({ step, id, children }: { step: Step; id?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const current = STEPS.indexOf(step);
  const href = (target: Step) =>
    target === 'choose' ? `/import${search}` : target === 'run' ? `/import/${id}` : `/import/${id}/${target}${search}`;
  return (
    <div className={styles.page}>
      <h1 className={styles.title}>{t('import.title')}</h1>
      <nav aria-label={t('import.stepsLabel')}>
        <ol className={styles.steps}>
          {STEPS.map((name, index) => {
            const label = (
              <>
                <span className={styles.stepNumber} aria-hidden="true">
                  {index + 1}
                </span>
                {t(`import.steps.${name}`)}
              </>
            );
            const state = index < current ? styles.stepDone : index === current ? styles.stepCurrent : styles.stepLater;
            return (
              <li
                key={name}
                className={`${styles.step} ${state}`}
                aria-current={index === current ? 'step' : undefined}
              >
                {index < current && (name === 'choose' || id) && name !== 'run' ? (
                  <Link to={href(name)}>{label}</Link>
                ) : (
                  <span>{label}</span>
                )}
              </li>
            );
          })}
        </ol>
      </nav>
      {children}
    </div>
  );
}

/** An error or warning said once, read out by screen readers as it appears. */
export function Alert({ children, tone = 'error' }: { children: ReactNode; tone?: 'error' | 'warning' }) {
  return (
    <p className={tone === 'error' ? styles.error : styles.warning} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

/** A size as the language writes it: "12.3 KB", "4.5 MB". */
export function formatSize(bytes: number, locale: string): string {
  const [value, unit] =
    bytes >= 1024 * 1024
      ? [bytes / (1024 * 1024), 'megabyte']
      : bytes >= 1024
        ? [bytes / 1024, 'kilobyte']
        : [bytes, 'byte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

const MIDNIGHT = /^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.000)?Z$/;

/**
 * A value as it will be stored, as text for a table cell in the reader's language: days and moments through Intl
 * (a timestamp at midnight UTC, what a date-only cell becomes, as its day), numbers grouped, objects as JSON, nothing
 * as a dash. Money stays the exact decimal the file gave: its currency may be in another column.
 */
export function cellText(value: unknown, type: string, locale: string): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'number') return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value);
  if (typeof value === 'boolean') return String(value);
  const text = String(value);
  if (type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDay(text, locale);
  if (type === 'timestamp' || type === 'instant') {
    const day = MIDNIGHT.exec(text)?.[1];
    if (day) return formatDay(day, locale);
    if (!Number.isNaN(Date.parse(text))) return formatMoment(text, locale);
  }
  return text;
}
