import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { useSession } from '../auth/session';
import { formatDay, formatInteger, formatMoment, formatMoney } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { type TimelineItem, useAddNote, useTimeline } from './account-data';
import { ColourDot } from './account-health';
import styles from './account-page.module.css';

const SENTIMENTS = [2, 1, 0, -1, -2] as const;

/** One timeline of everything that happened at the account, newest first, with adding a note on top. */
const KINDS = ['note', 'survey', 'ticket', 'subscription', 'lifecycle', 'score'] as const;

/** The kinds shown, from the URL (?kinds=note,ticket), so a filtered timeline can be shared; none: all. */
function useKindsFilter() {
  const [params, setParams] = useSearchParams();
  // The link's state (the portfolio's filters, for the way back) stays with the page.
  const { state } = useLocation();
  const kinds = (params.get('kinds') ?? '').split(',').filter((k) => (KINDS as readonly string[]).includes(k));
  const toggle = (kind: string) => {
    const next = kinds.includes(kind) ? kinds.filter((k) => k !== kind) : [...kinds, kind];
    const search = new URLSearchParams(params);
    if (next.length === 0) search.delete('kinds');
    else search.set('kinds', KINDS.filter((k) => next.includes(k)).join(','));
    setParams(search, { replace: true, state });
  };
  return { kinds, toggle };
}

export function TimelineSection({ id, mayAddNote }: { id: string; mayAddNote: boolean }) {
  const { t } = useTranslation();
  const { kinds, toggle } = useKindsFilter();
  const timeline = useTimeline(id, kinds);
  const items = timeline.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <section className={styles.card} aria-labelledby="timeline-title">
      <div className={styles.cardHeader}>
        <h2 id="timeline-title">{t('account.timeline.title')}</h2>
      </div>
      {mayAddNote && <NoteForm id={id} />}
      <fieldset className={styles.kindFilter}>
        <legend>{t('account.timeline.show')}</legend>
        {KINDS.map((kind) => (
          <button key={kind} type="button" aria-pressed={kinds.includes(kind)} onClick={() => toggle(kind)}>
            {t(`account.timeline.kinds.${kind}`)}
          </button>
        ))}
      </fieldset>
      {timeline.isPending ? (
        <div className={styles.skeletonBlock} />
      ) : timeline.isError ? (
        <p role="alert">{t('account.sectionFailed', { message: timeline.error.message })}</p>
      ) : items.length === 0 ? (
        <p className={styles.muted}>{t('account.timeline.empty')}</p>
      ) : (
        <ol className={styles.timeline} aria-label={t('account.timeline.title')}>
          {items.map((item) => (
            <TimelineEntry key={`${item.kind}:${item.id}`} item={item} />
          ))}
        </ol>
      )}
      {timeline.hasNextPage && (
        <button
          type="button"
          className={styles.secondary}
          disabled={timeline.isFetchingNextPage}
          onClick={() => void timeline.fetchNextPage()}
        >
          {timeline.isFetchingNextPage ? t('common.loading') : t('account.timeline.older')}
        </button>
      )}
    </section>
  );
}

function TimelineEntry({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const when = item.allDay ? formatDay(item.at.slice(0, 10), locale) : formatMoment(item.at, locale);
  const stage = (value: string | null) =>
    value === null ? t('common.notAvailable') : t(`account.stages.${value}`, { defaultValue: value });
  let title: React.ReactNode;
  let detail: React.ReactNode = null;
  switch (item.kind) {
    case 'note':
      title = (
        <>
          {item.sentiment !== null && (
            <span
              className={`${styles.sentiment} ${item.sentiment < 0 ? styles.down : item.sentiment > 0 ? styles.up : ''}`}
            >
              {t(`account.sentiments.${item.sentiment}`)}
            </span>
          )}
          {item.tags.map((tag) => (
            <span key={tag} className={styles.tag}>
              #{tag}
            </span>
          ))}
        </>
      );
      detail = <p className={styles.noteBody}>{item.body}</p>;
      break;
    case 'survey':
      title = t('account.timeline.survey', {
        survey: t(`account.timeline.surveys.${item.survey}`),
        score: formatInteger(item.score, locale),
      });
      detail = item.comment ? <p className={styles.noteBody}>“{item.comment}”</p> : null;
      break;
    case 'ticket':
      title = t('account.timeline.ticket', { subject: item.subject ?? t('common.notAvailable') });
      detail = (
        <p className={styles.muted}>
          {t(`account.timeline.priorities.${item.priority}`, { defaultValue: item.priority })} ·{' '}
          {t(`account.timeline.statuses.${item.status}`, { defaultValue: item.status })}
        </p>
      );
      break;
    case 'subscription':
      title = t(`account.timeline.subscription.${item.change}`, {
        plan: item.plan ?? t('common.notAvailable'),
        mrr: formatMoney(item.mrr, locale),
      });
      detail =
        item.change === 'cancelled' && item.cancelReason ? (
          <p className={styles.muted}>{t('account.timeline.cancelReason', { reason: item.cancelReason })}</p>
        ) : null;
      break;
    case 'lifecycle':
      title =
        item.from === null
          ? t('account.timeline.lifecycleStart', { to: stage(item.to) })
          : t('account.timeline.lifecycle', { from: stage(item.from), to: stage(item.to) });
      break;
    case 'score': {
      const score = item.score === null ? t('common.notAvailable') : formatInteger(item.score, locale);
      title = (
        <>
          <ColourDot colour={item.to} />
          {item.from === null
            ? t('account.timeline.scoreFirst', { to: t(`account.colours.${item.to ?? 'none'}`), score })
            : t('account.timeline.score', {
                from: t(`account.colours.${item.from}`),
                to: t(`account.colours.${item.to ?? 'none'}`),
                score,
              })}
        </>
      );
      break;
    }
  }
  return (
    <li className={styles.entry} data-kind={item.kind}>
      <div className={styles.entryHead}>
        <span className={`${styles.kind} ${styles[`kind_${item.kind}`]}`}>
          {t(`account.timeline.kinds.${item.kind}`)}
        </span>
        <span className={styles.entryTitle}>{title}</span>
        <time dateTime={item.at} className={styles.muted}>
          {when}
        </time>
      </div>
      {detail}
      {item.actor && <p className={styles.actor}>{t('account.timeline.by', { actor: item.actor })}</p>}
    </li>
  );
}

function NoteForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const add = useAddNote(id);
  const [body, setBody] = useState('');
  const [sentiment, setSentiment] = useState('');
  const [tags, setTags] = useState('');
  return (
    <form
      className={styles.noteForm}
      aria-label={t('account.note.title')}
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate(
          {
            body,
            sentiment: sentiment === '' ? null : Number(sentiment),
            tags: tags
              .split(/[,\s、]+/)
              .map((tag) => tag.replace(/^#/, '').trim().toLowerCase())
              .filter((tag) => tag !== ''),
            author: session.data?.name ?? session.data?.email ?? 'unknown',
          },
          {
            onSuccess: () => {
              setBody('');
              setSentiment('');
              setTags('');
            },
          },
        );
      }}
    >
      <label className={styles.noteBodyLabel}>
        <span>{t('account.note.body')}</span>
        <textarea value={body} required rows={3} onChange={(event) => setBody(event.target.value)} />
      </label>
      <div className={styles.noteRow}>
        <label>
          <span>{t('account.note.sentiment')}</span>
          <select value={sentiment} onChange={(event) => setSentiment(event.target.value)}>
            <option value="">{t('account.note.noSentiment')}</option>
            {SENTIMENTS.map((value) => (
              <option key={value} value={value}>
                {t(`account.sentiments.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.grow}>
          <span>{t('account.note.tags')}</span>
          <input
            value={tags}
            placeholder={t('account.note.tagsHint')}
            onChange={(event) => setTags(event.target.value)}
          />
        </label>
        <button type="submit" className={styles.primary} disabled={add.isPending || body.trim() === ''}>
          {add.isPending ? t('account.note.saving') : t('account.note.submit')}
        </button>
      </div>
      {add.isError && (
        <p role="alert" className={styles.error}>
          {t('account.note.failed', { message: add.error.message })}
        </p>
      )}
    </form>
  );
}
