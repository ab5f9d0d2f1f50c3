import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, dataOf } from '../api/api-client';
import { type DateOrder, type ImportSearch, type Kind, uploadContentType } from './import-search';
import type { ImportList, ImportPreview, ImportRecord, UploadAnswer } from './import-types';

/** Recent imports, and the largest file an upload takes. */
export function useImports() {
  return useQuery({
    queryKey: ['imports'],
    queryFn: async ({ signal }): Promise<ImportList> => dataOf(await api.GET('/api/imports', { signal })),
  });
}

/** One import; polled twice a second while it runs. */
export function useImport(id: string) {
  return useQuery({
    queryKey: ['import', id],
    queryFn: async ({ signal }): Promise<ImportRecord> =>
      dataOf(await api.GET('/api/imports/{id}', { params: { path: { id } }, signal })),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
    staleTime: 0,
  });
}

/** The suggested mapping and the first rows mapped, coerced and checked with the mapping of the URL. */
export function usePreview(id: string, kind: Kind | undefined, search: ImportSearch) {
  return useQuery({
    queryKey: ['import-preview', id, kind, search.mapping ?? null, search.dateOrder],
    queryFn: async ({ signal }): Promise<ImportPreview> =>
      dataOf(
        await api.POST('/api/imports/{id}/preview', {
          params: { path: { id } },
          body: {
            kind: kind as Kind,
            dateOrder: search.dateOrder,
            ...(search.mapping ? { mapping: search.mapping } : {}),
          },
          signal,
        }),
      ),
    enabled: kind !== undefined,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** Sends the file itself as the body (streamed to disk on the server), its name in the query. */
export function useUpload() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File): Promise<UploadAnswer> =>
      dataOf(
        await api.POST('/api/imports', {
          params: { query: { name: file.name } },
          // The route reads the raw file, not JSON: the body is the File as it is.
          body: file as never,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { 'content-type': uploadContentType(file) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['imports'] }),
  });
}

export function useRun(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: {
      kind: Kind;
      mapping: Record<string, string>;
      dateOrder?: DateOrder;
    }): Promise<ImportRecord> =>
      dataOf(await api.POST('/api/imports/{id}/run', { params: { path: { id } }, body: request })),
    onSuccess: (record) => {
      queryClient.setQueryData(['import', id], record);
      void queryClient.invalidateQueries({ queryKey: ['imports'] });
    },
  });
}
