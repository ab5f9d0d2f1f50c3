import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, dataOf, setCsrfToken, whenSignedOut } from '../api/api-client';
import type { components } from '../api/schema';

export type Me = components['schemas']['Me'];
export type SignedInUser = NonNullable<Me['user']>;

export const SESSION_KEY = ['session'] as const;

/** Who is signed in (null: nobody), from the session cookie; keeps the CSRF token for changes. */
export async function fetchSession(): Promise<SignedInUser | null> {
  const result = await api.GET('/api/auth/me');
  if (result.response.status === 401) return null;
  const me = dataOf(result);
  setCsrfToken(me.csrfToken);
  return me.user ?? null;
}

export function useSession() {
  const queryClient = useQueryClient();
  useEffect(() => {
    whenSignedOut(() => {
      setCsrfToken(undefined);
      queryClient.setQueryData(SESSION_KEY, null);
    });
  }, [queryClient]);
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY, retry: false });
}

/** A path of this app to return to after signing in; anything else (another site) is ignored. */
export function safeReturnPath(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/portfolio';
}
