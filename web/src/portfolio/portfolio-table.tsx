import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n/i18n';
import { NUMERIC, portfolioColumns, SORT_OF, WIDTH } from './portfolio-columns';
import styles from './portfolio-page.module.css';
import { COLUMNS, type Column, nextSort, type PortfolioSearch } from './portfolio-search';
import type { PortfolioRow } from './portfolio-types';

const ROW_HEIGHT = 40;

interface Props {
  rows: PortfolioRow[];
  search: PortfolioSearch;
  onSort(sort: PortfolioSearch['sort']): void;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
}

/** The accounts: one row per account, only the rows in view are in the page (TanStack Virtual). */
export function PortfolioTable({ rows, search, onSort, hasMore, loadingMore, loadMore }: Props) {
  const { t, i18n } = useTranslation();
  const locale = currentLanguage();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the cells' words change with the language.
  const columns = useMemo(() => portfolioColumns(t, locale), [t, locale, i18n.language]);
  const columnVisibility = Object.fromEntries(COLUMNS.map((id) => [id, !search.hidden.includes(id)]));
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    state: { columnVisibility },
  });
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  // Infinite scroll: the next page is asked for when the last rows come into view.
  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= rows.length - 20) loadMore();
  }, [hasMore, loadingMore, lastIndex, rows.length, loadMore]);
  const visible = table.getVisibleLeafColumns();
  const width = visible.reduce((sum, col) => sum + WIDTH[col.id as Column], 0);

  return (
    <div ref={scroller} className={styles.scroller}>
      <table className={styles.table} style={{ width }} aria-rowcount={rows.length + 1}>
        <thead className={styles.thead}>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className={styles.row}>
              {group.headers.map((header) => {
                const id = header.column.id as Column;
                const sortKey = SORT_OF[id];
                const sorted = sortKey && search.sort.key === sortKey;
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={`${styles.cell} ${NUMERIC.includes(id) ? styles.numeric : ''}`}
                    style={{ width: WIDTH[id] }}
                    aria-sort={sorted ? (search.sort.descending ? 'descending' : 'ascending') : undefined}
                  >
                    {sortKey ? (
                      <button
                        type="button"
                        className={styles.sortButton}
                        onClick={() => onSort(nextSort(search.sort, sortKey))}
                      >
                        {label}
                        <span aria-hidden="true" className={styles.sortMark}>
                          {sorted ? (search.sort.descending ? '↓' : '↑') : ''}
                        </span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className={styles.tbody} style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = table.getRowModel().rows[item.index];
            if (!row) return null;
            return (
              <tr
                key={row.id}
                className={`${styles.row} ${styles.bodyRow}`}
                style={{ transform: `translateY(${item.start}px)` }}
                aria-rowindex={item.index + 2}
              >
                {row.getVisibleCells().map((cell) => {
                  const id = cell.column.id as Column;
                  return (
                    <td
                      key={cell.id}
                      className={`${styles.cell} ${NUMERIC.includes(id) ? styles.numeric : ''}`}
                      style={{ width: WIDTH[id] }}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className={styles.loadingMore} role="status">
        {loadingMore ? t('portfolio.loadingMore') : ''}
      </p>
    </div>
  );
}
