import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, dataOf } from '../api/api-client';
import { type PortfolioSearch, portfolioFilterQuery, sortParam } from './portfolio-search';
import type { PortfolioPage, PortfolioSummary } from './portfolio-types';

/** Rows per request: a screenful several times over, small enough to answer fast. */
const PAGE_SIZE = 100;

/** The accounts, page by page as the table scrolls (cursor paging and sorting on the server). */
export function usePortfolioRows(search: PortfolioSearch) {
  const filters = portfolioFilterQuery(search);
  const sort = sortParam(search);
  return useInfiniteQuery({
    queryKey: ['portfolio', filters, sort],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }): Promise<PortfolioPage> =>
      dataOf(
        await api.GET('/api/portfolio', {
          params: { query: { ...filters, sort, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The previous rows stay while a new filter loads: the table does not collapse and jump.
    placeholderData: keepPreviousData,
  });
}

export function usePortfolioSummary(search: PortfolioSearch) {
  const filters = portfolioFilterQuery(search);
  return useQuery({
    queryKey: ['portfolio-summary', filters],
    queryFn: async ({ signal }): Promise<PortfolioSummary> =>
      dataOf(await api.GET('/api/portfolio/summary', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** The team, for the owner filter. */
export function useTeam() {
  return useQuery({
    queryKey: ['team-users'],
    queryFn: async ({ signal }) => dataOf(await api.GET('/api/users', { params: { query: { limit: 200 } }, signal })),
    staleTime: 5 * 60_000,
  });
}
