import createClient, { type Middleware } from 'openapi-fetch';
import type { PendingPaths } from './pending-paths';
import type { paths } from './schema';

/** Every path of the server's OpenAPI document (generated), and the contract's paths the document does not hold yet. */
export type ApiPaths = paths & Omit<PendingPaths, keyof paths>;

export type ApiError = { error: string; message: string; issues: { field: string; message: string }[] };

let csrfToken: string | undefined;
let onSignedOut: (() => void) | undefined;

/** The token sign-in (or /api/auth/me) returned: every change made with the session cookie carries it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the server answers 401 to a signed-in call: the session ended (expired, signed out elsewhere). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

const session: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/api/auth/')) onSignedOut?.();
    return response;
  },
};

/** The typed API client: same origin, the session cookie sent by the browser. */
export const api = createClient<ApiPaths>({ baseUrl: globalThis.location?.origin ?? '', credentials: 'same-origin' });
api.use(session);

/** An error answer's message, or the status when the body was not the API's error. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | undefined,
    readonly retryAfterSeconds?: number,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

/** The data of an answer, or an ApiRequestError for anything but 2xx. */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  const retry = Number(result.response.headers.get('Retry-After'));
  throw new ApiRequestError(
    result.response.status,
    result.error as ApiError | undefined,
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
}
