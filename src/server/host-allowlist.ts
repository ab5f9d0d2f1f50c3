import type { MiddlewareHandler } from 'hono';

/** Names this server always answers for, whatever the port: a browser on this machine. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The host names requests may be addressed to: loopback, PACER_PUBLIC_URL's host and PACER_ALLOWED_HOSTS
 * (comma-separated names or addresses, without ports; an IPv6 address in brackets).
 */
export function allowedHosts(publicUrl: string | undefined, extra: string | undefined): Set<string> {
  const hosts = new Set(LOOPBACK_HOSTS);
  if (publicUrl) hosts.add(new URL(publicUrl).hostname.toLowerCase());
  for (const entry of (extra ?? '').split(',')) {
    const host = entry.trim().toLowerCase();
    if (!host) continue;
    if (/[/:@\s]/.test(host.replace(/^\[[0-9a-f:.]+\]$/, ''))) {
      throw new Error(
        `PACER_ALLOWED_HOSTS: ${JSON.stringify(entry.trim())} is not a host name (give names such as pacer.example.com, without a scheme or port)`,
      );
    }
    hosts.add(host);
  }
  return hosts;
}

/**
 * The host names from the environment, plus the address the server listens on when that is one address (`--host
 * 10.0.0.5`): browsers then reach it by that address. An address is no one's DNS name, so it cannot be rebound.
 */
export function allowedHostsFor(listenHost: string, env: NodeJS.ProcessEnv = process.env): Set<string> {
  const hosts = allowedHosts(env.PACER_PUBLIC_URL, env.PACER_ALLOWED_HOSTS);
  const wildcard = listenHost === '0.0.0.0' || listenHost === '::' || listenHost === '';
  if (!wildcard) hosts.add(listenHost.includes(':') ? `[${listenHost.toLowerCase()}]` : listenHost.toLowerCase());
  return hosts;
}

/** The host name of a Host header or URL authority, lower case, without the port. */
function hostnameOf(authority: string): string {
  const lower = authority.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  return lower.replace(/:\d*$/, '');
}

/**
 * Refuses requests addressed to a host name this server does not go by. A DNS-rebinding page points its own name
 * (evil.example) at 127.0.0.1: the browser then treats Pacer as evil.example's own origin and sends
 * `Host: evil.example` with a matching Origin, which passes any same-origin check; only the name gives it away.
 */
export function hostAllowlist(hosts: Set<string>): MiddlewareHandler {
  const allowed = [...hosts].join(', ');
  return async (c, next) => {
    const header = c.req.header('host');
    const names = [new URL(c.req.url).host, ...(header === undefined ? [] : [header])].map(hostnameOf);
    const refused = names.find((name) => !hosts.has(name));
    if (refused !== undefined) {
      return c.json(
        {
          error: 'unknown_host',
          message: `this server does not answer for the host ${JSON.stringify(refused.slice(0, 100))}; it answers for ${allowed}. Set PACER_PUBLIC_URL to the address users reach it by, or add the name to PACER_ALLOWED_HOSTS`,
          issues: [{ field: 'Host', message: 'not a host name of this server' }],
        },
        421,
      );
    }
    await next();
  };
}
