import { type ColumnDef, createColumnHelper } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { Link, useLocation } from 'react-router';
import {
  formatAgo,
  formatDay,
  formatInteger,
  formatMoment,
  formatMoney,
  formatPercent,
  formatSignedPoints,
} from '../i18n/format';
import styles from './portfolio-page.module.css';
import type { Column, SortKey } from './portfolio-search';
import type { PortfolioRow } from './portfolio-types';

const column = createColumnHelper<PortfolioRow>();

/** The sort each column asks the server for; columns without one are not sortable. */
export const SORT_OF: Partial<Record<Column, SortKey>> = {
  name: 'name',
  health: 'health',
  risk: 'risk',
  mrr: 'mrr',
  arr: 'arr',
  mrrAtRisk: 'mrrAtRisk',
  renewal: 'renewal',
  lastActive: 'lastActive',
};

/** Widths in pixels: the virtual rows are laid out by them, so a row never reflows as it scrolls in. */
export const WIDTH: Record<Column, number> = {
  name: 240,
  health: 110,
  trend: 96,
  risk: 96,
  mrr: 120,
  arr: 130,
  mrrAtRisk: 128,
  renewal: 118,
  owner: 150,
  stage: 140,
  tier: 110,
  lastActive: 120,
};

export const NUMERIC: readonly Column[] = ['health', 'trend', 'risk', 'mrr', 'arr', 'mrrAtRisk'];

export function portfolioColumns(t: TFunction, locale: string): ColumnDef<PortfolioRow, unknown>[] {
  const none = <span className={styles.muted}>{t('common.notAvailable')}</span>;
  const header = (id: Column) => t(`portfolio.columnsNames.${id}`);
  return [
    column.display({
      id: 'name',
      header: () => header('name'),
      cell: ({ row }) => (
        <span className={styles.name}>
          <AccountLink id={row.original.id} name={row.original.name} />
          {row.original.externalId && <span className={styles.externalId}>{row.original.externalId}</span>}
        </span>
      ),
    }),
    column.display({
      id: 'health',
      header: () => header('health'),
      cell: ({ row }) => {
        const { colour, score, overridden } = row.original.health;
        const label = t(`portfolio.colours.${colour ?? 'none'}`);
        return (
          <span className={styles.health} title={overridden ? t('portfolio.overridden') : undefined}>
            <span className={`${styles.dot} ${styles[colour ?? 'none']}`} aria-hidden="true" />
            <span className="visually-hidden">{label}</span>
            {score === null ? none : formatInteger(score, locale)}
            {overridden && (
              <>
                <span aria-hidden="true">✎</span>
                <span className="visually-hidden">{t('portfolio.overridden')}</span>
              </>
            )}
          </span>
        );
      },
    }),
    column.display({
      id: 'trend',
      header: () => header('trend'),
      cell: ({ row }) => {
        const trend = row.original.health.trend;
        if (trend === null) return none;
        const direction = trend > 0 ? styles.up : trend < 0 ? styles.down : '';
        return (
          <span className={direction} title={t('portfolio.trendPoints', { value: formatSignedPoints(trend, locale) })}>
            {trend > 0 ? '▲ ' : trend < 0 ? '▼ ' : ''}
            {formatSignedPoints(trend, locale)}
          </span>
        );
      },
    }),
    column.display({
      id: 'risk',
      header: () => header('risk'),
      cell: ({ row }) => (row.original.churnRisk === null ? none : formatPercent(row.original.churnRisk, locale)),
    }),
    ...(['mrr', 'arr', 'mrrAtRisk'] as const).map((id) =>
      column.display({
        id,
        header: () => header(id),
        cell: ({ row }) => {
          const money = row.original[id];
          return money ? formatMoney(money, locale) : none;
        },
      }),
    ),
    column.display({
      id: 'renewal',
      header: () => header('renewal'),
      cell: ({ row }) => (row.original.renewalDate ? formatDay(row.original.renewalDate, locale) : none),
    }),
    column.display({
      id: 'owner',
      header: () => header('owner'),
      cell: ({ row }) => row.original.owner?.name ?? <span className={styles.muted}>{t('portfolio.unassigned')}</span>,
    }),
    column.display({
      id: 'stage',
      header: () => header('stage'),
      cell: ({ row }) =>
        row.original.lifecycleStage
          ? t(`portfolio.stages.${row.original.lifecycleStage}`, { defaultValue: row.original.lifecycleStage })
          : none,
    }),
    column.display({
      id: 'tier',
      header: () => header('tier'),
      cell: ({ row }) =>
        row.original.tier ? t(`portfolio.tiers.${row.original.tier}`, { defaultValue: row.original.tier }) : none,
    }),
    column.display({
      id: 'lastActive',
      header: () => header('lastActive'),
      cell: ({ row }) =>
        row.original.lastActiveAt ? (
          <span title={formatMoment(row.original.lastActiveAt, locale)}>
            {formatAgo(row.original.lastActiveAt, locale)}
          </span>
        ) : (
          none
        ),
    }),
  ];
}

/** The account's name opens its page; the portfolio's filters go along, for the way back. */
function AccountLink({ id, name }: { id: string; name: string }) {
  const location = useLocation();
  return (
    <Link to={`/accounts/${id}`} state={{ portfolioSearch: location.search }} className={styles.nameText}>
      {name}
    </Link>
  );
}
