import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '../api/api-client';
import type { operations } from '../api/schema';

// The two stored trust reports, polled while they are being computed, and the leader's actions on them.

type Answer<T> = T extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;

export type HealthAnswer = Answer<operations['getApiTrustHealthBacktest']>;
export type ChurnAnswer = Answer<operations['getApiTrustChurnEvaluation']>;
export type HealthReport = NonNullable<HealthAnswer['report']>;
export type ChurnReport = NonNullable<ChurnAnswer['report']>;
export type Figures = ChurnReport['model'];

export const HEALTH_KEY = ['trust', 'health-backtest'] as const;
export const CHURN_KEY = ['trust', 'churn-evaluation'] as const;

/** Every 2 s while a report is computing; not at all once it is there. */
const whileComputing = (state: string | undefined) => (state === 'computing' ? 2_000 : false);

export function useHealthBacktest() {
  return useQuery({
    queryKey: HEALTH_KEY,
    queryFn: async ({ signal }): Promise<HealthAnswer> =>
      dataOf(await api.GET('/api/trust/health-backtest', { signal })),
    refetchInterval: (query) => whileComputing(query.state.data?.state),
  });
}

export function useChurnEvaluation() {
  return useQuery({
    queryKey: CHURN_KEY,
    queryFn: async ({ signal }): Promise<ChurnAnswer> =>
      dataOf(await api.GET('/api/trust/churn-evaluation', { signal })),
    refetchInterval: (query) => whileComputing(query.state.data?.state),
  });
}

/** Recomputes both reports in the background; the queries then poll until each is ready. */
export function useRecompute() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const health = dataOf(await api.POST('/api/trust/health-backtest'));
      queryClient.setQueryData(HEALTH_KEY, health);
      const churn = dataOf(await api.POST('/api/trust/churn-evaluation'));
      queryClient.setQueryData(CHURN_KEY, churn);
    },
  });
}

/** Saves the suggested weights of the report shown as the scorecard's next version. */
export function useAcceptWeights() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (reportId: string) =>
      dataOf(await api.POST('/api/trust/health-backtest/accept', { body: { reportId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: HEALTH_KEY }),
  });
}
