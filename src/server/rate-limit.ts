import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { rateLimiter } from 'hono-rate-limiter';
import { clientAddress } from './client-address.js';

/** At most `limit` requests in each window of `windowMs`, counted per client (an IP address or a credential). */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export type RateLimitName = 'login' | 'failedAuth' | 'ingest' | 'api';

/** Each limit, or undefined where it is switched off. */
export type RateLimits = Record<RateLimitName, RateLimit | undefined>;

interface LimitDescription {
  env: string;
  /** What is counted, for the 429 message: "too many <what> from this address". */
  what: string;
  fallback: RateLimit;
}

const MINUTE = 60_000;

/**
 * The limits and their defaults. Sign-in and failed keys are small (a person types; a script guesses); ingest and the
 * API are generous enough for a busy product and a busy team, and only stop a runaway client.
 */
export const RATE_LIMITS: Record<RateLimitName, LimitDescription> = {
  login: { env: 'PACER_RATE_LIMIT_LOGIN', what: 'sign-in attempts', fallback: { limit: 10, windowMs: MINUTE } },
  failedAuth: {
    env: 'PACER_RATE_LIMIT_FAILED_AUTH',
    what: 'requests with unknown or revoked keys',
    fallback: { limit: 20, windowMs: MINUTE },
  },
  ingest: {
    env: 'PACER_RATE_LIMIT_INGEST',
    what: 'tracking calls with this key',
    fallback: { limit: 30_000, windowMs: MINUTE },
  },
  api: { env: 'PACER_RATE_LIMIT_API', what: 'API calls', fallback: { limit: 3000, windowMs: MINUTE } },
};

const UNIT_MS: Record<string, number> = { s: 1000, m: MINUTE, h: 60 * MINUTE };

/** `10/1m`, `30000/60s`, `100/1h`; `off` switches the limit off. */
export function parseRateLimit(name: string, text: string): RateLimit | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'off') return undefined;
  const match = /^(\d+)\s*\/\s*(\d+)\s*([smh])$/.exec(trimmed);
  const limit = Number(match?.[1]);
  const windowMs = Number(match?.[2]) * (UNIT_MS[match?.[3] ?? ''] ?? Number.NaN);
  if (!match || !(limit >= 1) || !(windowMs >= 1000)) {
    throw new Error(
      `${name}: ${JSON.stringify(text)} is not a rate limit; write requests per window, such as 10/1m, 500/30s or 1000/1h, or off`,
    );
  }
  return { limit, windowMs };
}

/** The limits as the environment sets them, each defaulting to RATE_LIMITS' fallback. */
export function rateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimits {
  const entries = Object.entries(RATE_LIMITS).map(([name, description]) => {
    const text = env[description.env];
    return [name, text === undefined || text === '' ? description.fallback : parseRateLimit(description.env, text)];
  });
  return Object.fromEntries(entries) as RateLimits;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const SETTINGS_PATH = /^\/v1\/projects\/([^/]+)\/settings$/;

/** A path segment as the route will see it; a malformed escape is kept as it came (the route refuses it). */
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A fingerprint of the key a request presents — the Authorization header, the write key in a tracking call's body
 * (analytics.js sends it there) or in the settings path — or undefined when it presents none. Hashed, so the limits'
 * memory never holds a secret.
 */
function presentedCredential(c: Context): Promise<string | undefined> {
  let found = credentials.get(c);
  if (!found) {
    found = findCredential(c);
    credentials.set(c, found);
  }
  return found;
}

const credentials = new WeakMap<Context, Promise<string | undefined>>();

async function findCredential(c: Context): Promise<string | undefined> {
  const authorization = c.req.header('authorization');
  if (authorization) return `header:${sha256(authorization)}`;
  const settings = SETTINGS_PATH.exec(c.req.path);
  if (settings) return `key:${sha256(decodedSegment(settings[1] ?? ''))}`;
  if (c.req.method !== 'POST' || !c.req.path.startsWith('/v1/')) return undefined;
  // A gzipped body would have to be inflated to find its key; such clients (analytics-node, the HTTP API) send it
  // in the header anyway.
  if ((c.req.header('content-encoding') ?? '').toLowerCase() === 'gzip') return undefined;
  let body: unknown;
  try {
    // Hono keeps the text: the route reads it again from the cache.
    body = JSON.parse(await c.req.text());
  } catch {
    return undefined;
  }
  const key = typeof body === 'object' && body !== null ? (body as { writeKey?: unknown }).writeKey : undefined;
  return typeof key === 'string' && key !== '' ? `key:${sha256(key)}` : undefined;
}

/** A credential the server refused: 401, or the settings of a write key that does not exist (404). */
function credentialRefused(c: Context): boolean {
  return c.res.status === 401 || (c.res.status === 404 && SETTINGS_PATH.test(c.req.path));
}

declare module 'hono' {
  interface ContextVariableMap {
    rateLimitInfo: { limit: number; resetTime?: Date };
  }
}

/** One limiter: counts per key, answers 429 with Retry-After (seconds) and a message naming the limit. */
function limiter(
  name: RateLimitName,
  limit: RateLimit,
  keyOf: (c: Context) => string | Promise<string>,
  extra: { skip?: (c: Context) => boolean | Promise<boolean>; countOnly?: (c: Context) => boolean } = {},
): MiddlewareHandler {
  const description = RATE_LIMITS[name];
  return rateLimiter({
    windowMs: limit.windowMs,
    limit: limit.limit,
    keyGenerator: keyOf,
    standardHeaders: false,
    requestPropertyName: 'rateLimitInfo',
    ...(extra.skip ? { skip: extra.skip } : {}),
    // Counting only some answers: the others are taken off the count when they are done.
    ...(extra.countOnly
      ? { skipSuccessfulRequests: true, requestWasSuccessful: (c: Context) => !extra.countOnly?.(c) }
      : {}),
    handler: (c: Context) => {
      const resetTime = c.get('rateLimitInfo')?.resetTime;
      const retryAfter = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 1000));
      const per = limit.windowMs % MINUTE === 0 ? `${limit.windowMs / MINUTE} min` : `${limit.windowMs / 1000} s`;
      c.header('Retry-After', String(retryAfter));
      return c.json(
        {
          error: 'rate_limited',
          limit: name,
          message: `too many ${description.what} from this ${name === 'ingest' ? 'key' : 'address'}: the limit is ${limit.limit} per ${per} (${description.env}); retry after ${retryAfter} s`,
          issues: [],
        },
        429,
      );
    },
  });
}

const ipOf = (c: Context) => clientAddress(c).ip;

/** How long a key that worked lets its requests past the failed-key limit of a busy address. */
const KNOWN_GOOD_MS = MINUTE;
const KNOWN_GOOD_MAX = 10_000;

/**
 * Failed keys, per address: after `limit` requests in a window whose key was refused, that address's requests with
 * keys get 429 before any key is looked up in the database. A key that worked lately still passes, so one client
 * guessing keys cannot lock out the good clients behind the same address (a proxy, an office's NAT).
 */
function failedAuthLimiter(limit: RateLimit): MiddlewareHandler {
  const knownGood = new Map<string, number>();
  const isKnownGood = (credential: string) => (knownGood.get(credential) ?? 0) > Date.now();
  const count = limiter('failedAuth', limit, ipOf, {
    skip: async (c) => {
      const credential = await presentedCredential(c);
      return credential === undefined || isKnownGood(credential);
    },
    countOnly: credentialRefused,
  });
  return async (c, next) => {
    const credential = await presentedCredential(c);
    return count(c, async () => {
      await next();
      if (credential === undefined || credentialRefused(c)) return;
      if (knownGood.size >= KNOWN_GOOD_MAX) knownGood.clear();
      knownGood.set(credential, Date.now() + KNOWN_GOOD_MS);
    });
  };
}

export interface RateLimitMiddleware {
  path: string;
  method?: 'POST';
  handler: MiddlewareHandler;
}

/**
 * The limits as Hono middleware, in the order to mount them. Each counts in this process's memory, so a restart
 * forgets the counts and several processes behind one balancer each allow the full limit.
 */
export function rateLimitMiddleware(limits: RateLimits): RateLimitMiddleware[] {
  const mounted: RateLimitMiddleware[] = [];
  if (limits.login) {
    mounted.push({ path: '/api/auth/login', method: 'POST', handler: limiter('login', limits.login, ipOf) });
  }
  if (limits.api) mounted.push({ path: '/api/*', handler: limiter('api', limits.api, ipOf) });
  if (limits.failedAuth) {
    const failedAuth = failedAuthLimiter(limits.failedAuth);
    for (const path of ['/api/*', '/v1/*', '/healthz']) mounted.push({ path, handler: failedAuth });
  }
  if (limits.ingest) {
    const ingest = limiter(
      'ingest',
      limits.ingest,
      async (c) => (await presentedCredential(c)) ?? `address:${clientAddress(c).ip}`,
    );
    mounted.push({ path: '/v1/*', method: 'POST', handler: ingest });
  }
  return mounted;
}
