import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Hono } from 'hono';

/** Where a built app is, e.g. bin/build-web.js's cache directory; built on first call when missing. */
export type WebBuild = () => Promise<string>;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Vite names every file under assets/ by its content's hash, so a browser may keep it for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: always asked again (it is small), so a new version is seen at once. */
const REVALIDATE = 'no-cache';

/** Paths that belong to the API, the tracking API and the server itself: never the app. */
const isServerPath = (path: string) =>
  path.startsWith('/api/') || path === '/api' || path.startsWith('/v1/') || path === '/v1' || path === '/healthz';

const defaultBuild: WebBuild = async () => {
  // bin/build-web.js is plain JavaScript beside bin/pacer.js (npm install runs it); found from this source's place.
  const { buildWebApp } = (await import(new URL('../../bin/build-web.js', import.meta.url).href)) as {
    buildWebApp(options: { quiet: boolean }): Promise<string>;
  };
  return buildWebApp({ quiet: true });
};

/**
 * The web app on the same port as the API, mounted after the API's routes: its files, and index.html for every other
 * GET that is not the API's (the app routes in the browser: /portfolio, /sign-in…). The build is looked for on the
 * first request only, so a server that is never asked for a page (the tests, a headless install) never builds it.
 */
export function mountWebApp(app: Hono, build: WebBuild = defaultBuild): void {
  let dir: Promise<string> | undefined;
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (isServerPath(path)) return next();
    dir ??= build().catch((error: Error) => {
      dir = undefined;
      throw error;
    });
    let root: string;
    try {
      root = await dir;
    } catch (error) {
      return c.json(
        {
          error: 'web_app_unavailable',
          message: `the web app could not be built (${(error as Error).message}); run npm install, or node bin/build-web.js to see why`,
          issues: [],
        },
        503,
      );
    }
    const file = normalize(join(root, decodeURIComponent(path)));
    const inside = file.startsWith(root + sep);
    const isAsset = path.startsWith('/assets/');
    if (inside && extname(file) && extname(file) !== '.html') {
      const body = await readFile(file).catch(() => undefined);
      if (body) {
        return c.body(body, 200, {
          'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'Cache-Control': isAsset ? IMMUTABLE : REVALIDATE,
        });
      }
      // A missing file is a 404, never the page (a browser would run HTML as a script and report nonsense).
      return next();
    }
    const page = await readFile(join(root, 'index.html'));
    return c.body(page, 200, { 'Content-Type': CONTENT_TYPES['.html'] as string, 'Cache-Control': REVALIDATE });
  });
}
