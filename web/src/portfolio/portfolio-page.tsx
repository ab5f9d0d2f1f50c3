import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiRequestError } from '../api/api-client';
import { formatInteger, formatMoneyList } from '../i18n/format';
import { currentLanguage } from '../i18n/i18n';
import { usePortfolioRows, usePortfolioSummary, useTeam } from './portfolio-data';
import styles from './portfolio-page.module.css';
import {
  COLOURS,
  COLUMNS,
  type ColourFilter,
  FIXED_COLUMNS,
  oneOf,
  type PortfolioSearch,
  readPortfolioSearch,
  STAGE_FILTERS,
  STAGES,
  TIERS,
  writePortfolioSearch,
} from './portfolio-search';
import { PortfolioTable } from './portfolio-table';
import type { PortfolioSummary as Summary } from './portfolio-types';

export function PortfolioPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search = readPortfolioSearch(params);
  const update = (change: Partial<PortfolioSearch>, replace = false) =>
    setParams(writePortfolioSearch({ ...search, ...change }), { replace });
  const rows = usePortfolioRows(search);
  const summary = usePortfolioSummary(search);
  const team = useTeam();
  const [text, setText] = useState(search.search);
  // Typing updates the URL (and the query) a moment after the last key, not on every key.
  useEffect(() => {
    if (text === search.search) return;
    const timer = setTimeout(() => update({ search: text }, true), 250);
    return () => clearTimeout(timer);
  });
  const data = rows.data?.pages.flatMap((page) => page.data) ?? [];
  const total = rows.data?.pages[0]?.total;
  const missingApi = rows.error instanceof ApiRequestError && rows.error.status === 404;
  const filtered = Boolean(search.search || search.colours.length || search.owner || search.stage || search.tier);
  const toggleColour = (colour: ColourFilter) =>
    update({
      colours: search.colours.includes(colour)
        ? search.colours.filter((c) => c !== colour)
        : [...search.colours, colour],
    });

  return (
    <div className={styles.page}>
      <div className={styles.heading}>
        <h1 className={styles.title}>{t('portfolio.title')}</h1>
        <p className={styles.count} role="status" aria-live="polite">
          {total === undefined
            ? ''
            : t('portfolio.showing', {
                shown: formatInteger(data.length, currentLanguage()),
                total: formatInteger(total, currentLanguage()),
              })}
        </p>
      </div>
      <SummaryStrip
        summary={summary.data}
        loading={summary.isPending && !missingApi}
        onColour={(colour) => update({ colours: [colour] })}
      />
      <search className={styles.toolbar} aria-label={t('portfolio.filters')}>
        <label className={styles.searchBox}>
          <span className="visually-hidden">{t('portfolio.searchLabel')}</span>
          <input
            type="search"
            placeholder={t('portfolio.searchPlaceholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        <fieldset className={styles.colours}>
          <legend className="visually-hidden">{t('portfolio.colour')}</legend>
          {COLOURS.map((colour) => (
            <button
              key={colour}
              type="button"
              className={styles.colourButton}
              aria-pressed={search.colours.includes(colour)}
              onClick={() => toggleColour(colour)}
            >
              <span className={`${styles.dot} ${styles[colour]}`} aria-hidden="true" />
              {t(`portfolio.colours.${colour}`)}
            </button>
          ))}
        </fieldset>
        <label className={styles.select}>
          <span>{t('portfolio.owner')}</span>
          <select value={search.owner} onChange={(event) => update({ owner: event.target.value })}>
            <option value="">{t('portfolio.everyone')}</option>
            <option value="me">{t('portfolio.myAccounts')}</option>
            <option value="none">{t('portfolio.unassigned')}</option>
            {team.data?.data.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.select}>
          <span>{t('portfolio.stage')}</span>
          <select
            value={search.stage}
            onChange={(event) => update({ stage: oneOf(STAGE_FILTERS, event.target.value) ?? '' })}
          >
            <option value="current">{t('portfolio.currentCustomers')}</option>
            <option value="">{t('portfolio.allStages')}</option>
            {STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {t(`portfolio.stages.${stage}`)}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.select}>
          <span>{t('portfolio.tier')}</span>
          <select value={search.tier} onChange={(event) => update({ tier: oneOf(TIERS, event.target.value) ?? '' })}>
            <option value="">{t('portfolio.any')}</option>
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {t(`portfolio.tiers.${tier}`)}
              </option>
            ))}
          </select>
        </label>
        <details className={styles.columnMenu}>
          <summary>{t('portfolio.columns')}</summary>
          <div className={styles.columnList}>
            {COLUMNS.filter((column) => !FIXED_COLUMNS.includes(column)).map((column) => (
              <label key={column}>
                <input
                  type="checkbox"
                  checked={!search.hidden.includes(column)}
                  onChange={(event) =>
                    update({
                      hidden: event.target.checked
                        ? search.hidden.filter((hidden) => hidden !== column)
                        : [...search.hidden, column],
                    })
                  }
                />
                {t(`portfolio.columnsNames.${column}`)}
              </label>
            ))}
          </div>
        </details>
        {filtered && (
          <button
            type="button"
            className={styles.clear}
            onClick={() => {
              setText('');
              update({ search: '', colours: [], owner: '', stage: '', tier: '' });
            }}
          >
            {t('portfolio.clearFilters')}
          </button>
        )}
      </search>
      <div className={styles.tableArea}>
        {rows.isPending ? (
          <SkeletonRows />
        ) : rows.isError ? (
          <div className={styles.state} role="alert">
            <p>{missingApi ? t('portfolio.apiMissing') : t('portfolio.loadFailed', { message: rows.error.message })}</p>
            {!missingApi && (
              <button type="button" onClick={() => void rows.refetch()}>
                {t('common.retry')}
              </button>
            )}
          </div>
        ) : data.length === 0 ? (
          <div className={styles.state}>
            <p>{filtered ? t('portfolio.empty') : t('portfolio.emptyNoData')}</p>
          </div>
        ) : (
          <PortfolioTable
            rows={data}
            search={search}
            onSort={(sort) => update({ sort })}
            hasMore={rows.hasNextPage}
            loadingMore={rows.isFetchingNextPage}
            loadMore={() => void rows.fetchNextPage()}
          />
        )}
      </div>
    </div>
  );
}

/** Fixed-height placeholders in the table's place while the first page loads: nothing jumps when it arrives. */
function SkeletonRows() {
  const { t } = useTranslation();
  return (
    <div className={styles.skeleton} role="status" aria-label={t('common.loading')}>
      {Array.from({ length: 12 }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have nothing else to tell them apart.
        <div key={index} className={styles.skeletonRow} />
      ))}
    </div>
  );
}

function SummaryStrip({
  summary,
  loading,
  onColour,
}: {
  summary: Summary | undefined;
  loading: boolean;
  onColour(colour: ColourFilter): void;
}) {
  const { t } = useTranslation();
  const locale = currentLanguage();
  const value = (text: string | undefined) => (loading || text === undefined ? '\u00a0' : text);
  return (
    <section className={styles.summary} aria-label={t('portfolio.summary.label')}>
      <div className={styles.card}>
        <h2>{t('portfolio.summary.accounts')}</h2>
        <p className={styles.figure}>{value(summary && formatInteger(summary.accounts, locale))}</p>
      </div>
      <div className={styles.card}>
        <h2>{t('portfolio.summary.mrr')}</h2>
        <p className={styles.figure}>{value(summary && formatMoneyList(summary.mrr, locale))}</p>
      </div>
      <div className={`${styles.card} ${styles.atRisk}`}>
        <h2>{t('portfolio.summary.mrrAtRisk')}</h2>
        <p className={styles.figure}>{value(summary && formatMoneyList(summary.mrrAtRisk, locale))}</p>
      </div>
      <div className={`${styles.card} ${styles.wide}`}>
        <h2>{t('portfolio.summary.byColour')}</h2>
        <div className={styles.colourCounts}>
          {COLOURS.map((colour) => (
            <button key={colour} type="button" className={styles.colourCount} onClick={() => onColour(colour)}>
              <span className={`${styles.dot} ${styles[colour]}`} aria-hidden="true" />
              <span>{t(`portfolio.colours.${colour}`)}</span>
              <strong>{value(summary && formatInteger(summary.byColour[colour], locale))}</strong>
            </button>
          ))}
        </div>
      </div>
      <div className={styles.card}>
        <h2>{t('portfolio.summary.renewals')}</h2>
        <p className={styles.figure}>
          {value(summary && formatInteger(summary.renewalsNext90Days.count, locale))}
          <span className={styles.sub}>
            {summary && !loading
              ? t('portfolio.summary.renewalsMrr', { mrr: formatMoneyList(summary.renewalsNext90Days.mrr, locale) })
              : ''}
          </span>
        </p>
      </div>
    </section>
  );
}
