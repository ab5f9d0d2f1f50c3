import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, formatInteger } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { type HealthExplanation, useHealth, useOverrideHealth, useOverrides, useRemoveOverride } from './account-data';
import { addDaysTo, todayUtc } from './account-days';
import styles from './account-page.module.css';
import { changeSentence, groupLabel, measureLabel, measureValue } from './account-words';

type Colour = 'red' | 'yellow' | 'green';

export function ColourDot({ colour }: { colour: Colour | null }) {
  return <span className={`${styles.dot} ${styles[colour ?? 'none']}`} aria-hidden="true" />;
}

/** Health: the score and colour, why it moved, every measure behind it, and overriding it by hand. */
export function HealthSection({ id, mayOverride }: { id: string; mayOverride: boolean }) {
  const { t } = useTranslation();
  const health = useHealth(id);
  const data = health.data;
  return (
    <section className={styles.card} aria-labelledby="health-title">
      <div className={styles.cardHeader}>
        <h2 id="health-title">{t('account.health.title')}</h2>
        {data && (
          <span className={styles.muted}>
            {t('account.health.asOf', { day: formatDay(data.asOf, currentLanguage()) })}
          </span>
        )}
      </div>
      {health.isPending ? (
        <div className={styles.skeletonBlock} />
      ) : health.isError ? (
        <p role="alert">{t('account.sectionFailed', { message: health.error.message })}</p>
      ) : data === null || data === undefined ? (
        <p className={styles.muted}>{t('account.health.notScored')}</p>
      ) : (
        <>
          <HealthSummary health={data} />
          <Explanation health={data} />
          <Breakdown health={data} />
        </>
      )}
      <Overrides id={id} mayOverride={mayOverride} />
    </section>
  );
}

function HealthSummary({ health }: { health: HealthExplanation }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const colour = health.color;
  const trend = health.trend;
  return (
    <div className={styles.healthSummary}>
      <span className={`${styles.scoreBadge} ${styles[`${colour ?? 'none'}Soft`]}`}>
        <ColourDot colour={colour} />
        <strong>{health.score === null ? t('common.notAvailable') : formatInteger(health.score, locale)}</strong>
        <span>{t(`account.colours.${colour ?? 'none'}`)}</span>
      </span>
      {trend && health.comparedWith && (
        <span className={styles[`trend_${trend}`]}>
          {trend === 'up' ? '▲' : trend === 'down' ? '▼' : '▶'} {t(`account.health.trend.${trend}`)}{' '}
          {t('account.health.since', {
            day: formatDay(health.comparedWith.asOf, locale),
            score:
              health.comparedWith.score === null
                ? t('common.notAvailable')
                : formatInteger(health.comparedWith.score, locale),
          })}
        </span>
      )}
      {health.override && (
        <span className={styles.overriddenTag}>
          ✎ {t('account.health.overriddenTo', { colour: t(`account.colours.${health.override.color ?? 'none'}`) })}
          {health.computedColor &&
            ` — ${t('account.health.computedWas', { colour: t(`account.colours.${health.computedColor}`) })}`}
        </span>
      )}
    </div>
  );
}

function Explanation({ health }: { health: HealthExplanation }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  if (!health.comparedWith) return <p className={styles.muted}>{t('account.health.noComparison')}</p>;
  const day = formatDay(health.comparedWith.asOf, locale);
  const changes = health.changes.filter((c) => Math.abs(c.points) >= 0.05).slice(0, 6);
  return (
    <div className={styles.explanation} data-testid="health-explanation">
      <h3>{t('account.health.whyTitle', { day })}</h3>
      {changes.length === 0 ? (
        <p className={styles.muted}>{t('account.health.noChanges', { day })}</p>
      ) : (
        <ul>
          {changes.map((change) => (
            <li key={change.measure} className={change.points < 0 ? styles.down : styles.up}>
              {changeSentence(t, change, locale)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Breakdown({ health }: { health: HealthExplanation }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const byMeasure = new Map(health.measures.map((m) => [m.measure, m]));
  const points = (value: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  return (
    <details className={styles.breakdown} open>
      <summary>{t('account.health.breakdown')}</summary>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">{t('account.health.measure')}</th>
            <th scope="col">{t('account.health.value')}</th>
            <th scope="col">{t('account.health.band')}</th>
            <th scope="col" className={styles.numeric}>
              {t('account.health.points')}
            </th>
          </tr>
        </thead>
        {health.groups.map((group) => (
          <tbody key={group.name}>
            <tr className={styles.groupRow}>
              <th scope="rowgroup" colSpan={3}>
                {groupLabel(t, group.name)}
                {group.mode === 'worst' && <span className={styles.muted}> · {t('account.health.worstOf')}</span>}
              </th>
              <td className={styles.numeric}>{points(group.points)}</td>
            </tr>
            {group.measures.map((id) => {
              const m = byMeasure.get(id);
              if (!m) return null;
              return (
                <tr key={id}>
                  <th scope="row" className={styles.measureName}>
                    {measureLabel(t, m.measure, m.label)}
                    {m.override && (
                      <span className={styles.overriddenTag} title={m.override.reason}>
                        ✎ {t('account.health.overridden')}
                      </span>
                    )}
                  </th>
                  <td>{m.missing ? t('account.health.missing') : measureValue(t, m.measure, m.value, locale)}</td>
                  <td>
                    {m.color ? (
                      <span className={styles.band}>
                        <ColourDot colour={m.color} />
                        {t(`account.colours.${m.color}`)}
                      </span>
                    ) : (
                      t('common.notAvailable')
                    )}
                  </td>
                  <td className={styles.numeric}>{m.score === null ? t('common.notAvailable') : points(m.points)}</td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </details>
  );
}

function Overrides({ id, mayOverride }: { id: string; mayOverride: boolean }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const overrides = useOverrides(id);
  const remove = useRemoveOverride(id);
  const now = new Date().toISOString();
  const live = (overrides.data?.data ?? []).filter(
    (o) => o.endedAt === null && (o.expiresAt === null || o.expiresAt > now),
  );
  return (
    <div className={styles.overrides}>
      {live.map((o) => (
        <div key={o.id} className={styles.overrideRow}>
          <span>
            ✎{' '}
            {t('account.override.active', {
              target: o.measure ? measureLabel(t, o.measure, o.measure) : t('account.override.overall'),
              colour: t(`account.colours.${o.color ?? 'none'}`),
              reason: o.reason,
            })}{' '}
            <span className={styles.muted}>
              {o.expiresAt
                ? t('account.override.until', { day: formatDay(o.expiresAt.slice(0, 10), locale) })
                : t('account.override.noExpiry')}
            </span>
          </span>
          {mayOverride && (
            <button
              type="button"
              className={styles.linkButton}
              disabled={remove.isPending}
              onClick={() => remove.mutate(o.id)}
            >
              {t('account.override.remove')}
            </button>
          )}
        </div>
      ))}
      {mayOverride && <OverrideForm id={id} />}
    </div>
  );
}

function OverrideForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const override = useOverrideHealth(id);
  const [open, setOpen] = useState(false);
  const [colour, setColour] = useState<Colour>('yellow');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(addDaysTo(todayUtc(), 30));
  if (!open) {
    return (
      <button type="button" className={styles.secondary} onClick={() => setOpen(true)}>
        {t('account.override.open')}
      </button>
    );
  }
  return (
    <form
      className={styles.inlineForm}
      aria-label={t('account.override.title')}
      onSubmit={(event) => {
        event.preventDefault();
        override.mutate(
          { color: colour, reason, expiresAt: expires ? `${expires}T23:59:59Z` : null },
          {
            onSuccess: () => {
              setOpen(false);
              setReason('');
            },
          },
        );
      }}
    >
      <label>
        <span>{t('account.override.colour')}</span>
        <select value={colour} onChange={(event) => setColour(event.target.value as Colour)}>
          {(['red', 'yellow', 'green'] as const).map((c) => (
            <option key={c} value={c}>
              {t(`account.colours.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label className={styles.grow}>
        <span>{t('account.override.reason')}</span>
        <input value={reason} required minLength={3} onChange={(event) => setReason(event.target.value)} />
      </label>
      <label>
        <span>{t('account.override.expires')}</span>
        <input type="date" value={expires} min={todayUtc()} onChange={(event) => setExpires(event.target.value)} />
      </label>
      <button type="submit" className={styles.primary} disabled={override.isPending}>
        {t('account.override.submit')}
      </button>
      <button type="button" className={styles.secondary} onClick={() => setOpen(false)}>
        {t('account.facts.cancel')}
      </button>
      {override.isError && (
        <p role="alert" className={styles.error}>
          {t('account.override.failed', { message: override.error.message })}
        </p>
      )}
    </form>
  );
}
