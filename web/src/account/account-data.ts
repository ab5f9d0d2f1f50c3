import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '../api/api-client';
import type { components } from '../api/schema';

// Everything the account page reads and changes, through the typed client. Each section loads on its own, so a
// slow one (usage) never holds up the others.

type Schemas = components['schemas'];
export type AccountOverview = Schemas['AccountOverview'];
export type TimelineItem = Schemas['TimelineItem'];
export type HealthExplanation = Schemas['HealthExplanation'];
export type HealthHistory = Schemas['HealthHistory'];
export type AccountChurnRisk = Schemas['AccountChurnRisk'];
export type ChurnReason = NonNullable<AccountChurnRisk['risk']>['raising'][number];
export type Stakeholders = Schemas['Stakeholders'];
export type AccountUsage = Schemas['AccountUsage'];
export type HealthOverride = Schemas['HealthOverride'];
export type Subscription = Schemas['Subscription'];

const path = (id: string) => ({ params: { path: { id } } });

export function useOverview(id: string) {
  return useQuery({
    queryKey: ['account', id, 'overview'],
    queryFn: async ({ signal }) => dataOf(await api.GET('/api/accounts/{id}/overview', { ...path(id), signal })),
  });
}

export function useHealth(id: string) {
  return useQuery({
    queryKey: ['account', id, 'health'],
    queryFn: async ({ signal }): Promise<HealthExplanation | null> => {
      const result = await api.GET('/api/accounts/{id}/health', { ...path(id), signal });
      // Not scored yet: an empty state, not an error.
      if (result.response.status === 404) return null;
      return dataOf(result);
    },
  });
}

export function useHealthHistory(id: string, from: string, to: string) {
  return useQuery({
    queryKey: ['account', id, 'health-history', from, to],
    queryFn: async ({ signal }) =>
      dataOf(
        await api.GET('/api/accounts/{id}/health/history', {
          params: { path: { id }, query: { from, to } },
          signal,
        }),
      ),
  });
}

export function useChurnRisk(id: string) {
  return useQuery({
    queryKey: ['account', id, 'churn-risk'],
    queryFn: async ({ signal }) => dataOf(await api.GET('/api/accounts/{id}/churn-risk', { ...path(id), signal })),
  });
}

export function useUsage(id: string, from: string, to: string) {
  return useQuery({
    queryKey: ['account', id, 'usage', from, to],
    queryFn: async ({ signal }) =>
      dataOf(
        await api.GET('/api/accounts/{id}/usage', {
          params: { path: { id }, query: { from, to, granularity: 'week' } },
          signal,
        }),
      ),
  });
}

export function useStakeholders(id: string) {
  return useQuery({
    queryKey: ['account', id, 'stakeholders'],
    queryFn: async ({ signal }) => dataOf(await api.GET('/api/accounts/{id}/stakeholders', { ...path(id), signal })),
  });
}

export function useOverrides(id: string) {
  return useQuery({
    queryKey: ['account', id, 'overrides'],
    queryFn: async ({ signal }) =>
      dataOf(await api.GET('/api/accounts/{id}/health/overrides', { ...path(id), signal })),
  });
}

export function useSubscriptions(id: string) {
  return useQuery({
    queryKey: ['account', id, 'subscriptions'],
    queryFn: async ({ signal }) =>
      dataOf(
        await api.GET('/api/subscriptions', {
          params: { query: { accountId: id, sort: '-startDate', limit: 100 } },
          signal,
        }),
      ),
  });
}

const TIMELINE_PAGE = 25;

/** The timeline, page by page; `kinds` empty: every kind. */
export function useTimeline(id: string, kinds: readonly string[]) {
  return useInfiniteQuery({
    queryKey: ['account', id, 'timeline', kinds.join(',')],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam, signal }) =>
      dataOf(
        await api.GET('/api/accounts/{id}/timeline', {
          params: {
            path: { id },
            query: {
              limit: TIMELINE_PAGE,
              ...(kinds.length > 0 ? { kinds: kinds.join(',') } : {}),
              ...(pageParam ? { before: pageParam } : {}),
            },
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}

export interface NewNote {
  body: string;
  sentiment: number | null;
  tags: string[];
  author: string;
}

export function useAddNote(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (note: NewNote) => dataOf(await api.POST('/api/notes', { body: { accountId: id, ...note } })),
    // The new note heads the timeline at once; health counts notes' sentiment on its next scoring.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['account', id, 'timeline'] }),
  });
}

export interface NewOverride {
  color: 'red' | 'yellow' | 'green';
  reason: string;
  expiresAt: string | null;
}

export function useOverrideHealth(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (override: NewOverride) => {
      const made = dataOf(
        await api.POST('/api/accounts/{id}/health/overrides', { ...path(id), body: { measure: null, ...override } }),
      );
      // Score again now, so the page shows the colour set by hand without waiting for the worker.
      dataOf(await api.POST('/api/accounts/{id}/health/score', path(id)));
      return made;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['account', id] }),
  });
}

export function useRemoveOverride(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (overrideId: string) => {
      const result = await api.DELETE('/api/accounts/{id}/health/overrides/{overrideId}', {
        params: { path: { id, overrideId } },
      });
      if (!result.response.ok) dataOf(result);
      dataOf(await api.POST('/api/accounts/{id}/health/score', path(id)));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['account', id] }),
  });
}

export function useUpdateAccount(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (change: { lifecycleStage?: string; coverageTier?: string | null }) =>
      dataOf(await api.PATCH('/api/accounts/{id}', { ...path(id), body: change as never })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['account', id] }),
  });
}
