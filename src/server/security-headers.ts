import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { clientAddress } from './client-address.js';

/**
 * What the web app (a React build served from this same origin) may load: its own scripts, styles, images and fonts,
 * and calls to this server only. No inline scripts, no plugins, no framing by another site.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const common = {
  contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  // Set below, only for requests that came over TLS: over plain HTTP a browser ignores it, and a copy of Pacer
  // reached by http://localhost must not teach the browser that localhost is HTTPS-only.
  strictTransportSecurity: false,
} as const;

// The tracking API is called from customers' own pages, so its answers may be read by other origins.
const forOtherOrigins = secureHeaders({ ...common, crossOriginResourcePolicy: 'cross-origin' });
const forThisOrigin = secureHeaders({ ...common, crossOriginResourcePolicy: 'same-origin' });

/** A year; the usual minimum for browsers' preload lists. */
const HSTS = 'max-age=31536000';

/** Paths whose answers hold data: none may be kept by a browser or a shared cache. */
const isDataPath = (path: string) => path.startsWith('/api/') || path.startsWith('/v1/') || path === '/healthz';

/**
 * Headers on every answer, errors included (this runs outermost): Hono's secureHeaders (nosniff, frame denial, the
 * CSP…), `Cache-Control: no-store` on data, HSTS when the client reached us over TLS (directly or through a
 * trusted proxy: client-address.ts).
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    const headers = c.req.path.startsWith('/v1/') ? forOtherOrigins : forThisOrigin;
    await headers(c, async () => {
      await next();
    });
    if (isDataPath(c.req.path)) c.res.headers.set('Cache-Control', 'no-store');
    if (clientAddress(c).scheme === 'https') c.res.headers.set('Strict-Transport-Security', HSTS);
  };
}
