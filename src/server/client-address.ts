import { BlockList, isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';

/** Who is calling, as far as this server can tell: the address rate limits count, the scheme links are built with. */
export interface ClientAddress {
  /** The client's IP address, or 'unknown' when the request did not come over a socket (in-process tests). */
  ip: string;
  /** How the client reached us: 'https' when our socket is TLS or a trusted proxy says the client used TLS. */
  scheme: 'http' | 'https';
}

declare module 'hono' {
  interface ContextVariableMap {
    clientAddress: ClientAddress;
  }
}

/** The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: IP addresses and CIDR ranges. */
export interface TrustedProxies {
  /** As configured, for messages. */
  entries: string[];
  has(address: string): boolean;
}

/** IPv4 addresses arrive as ::ffff:a.b.c.d on a dual-stack socket; one spelling makes one rate-limit bucket. */
function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped?.[1] ?? trimmed).toLowerCase();
}

const ipVersion = (address: string): 'ipv4' | 'ipv6' | undefined => {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
};

/**
 * Parses PACER_TRUSTED_PROXIES: a comma-separated list of addresses and CIDR ranges (`127.0.0.1, 10.0.0.0/8, ::1`).
 * Empty or unset: no proxy is trusted, and forwarded headers are ignored.
 */
export function parseTrustedProxies(text: string | undefined): TrustedProxies {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const normalized = normalizeAddress(address);
    const version = ipVersion(normalized);
    const prefix = bits === undefined ? undefined : Number(bits);
    const maxPrefix = version === 'ipv4' ? 32 : 128;
    if (!version || rest.length > 0 || (prefix !== undefined && (!/^\d+$/.test(bits ?? '') || prefix > maxPrefix))) {
      throw new Error(
        `PACER_TRUSTED_PROXIES: ${JSON.stringify(entry)} is not an IP address or a CIDR range (such as 10.0.0.0/8)`,
      );
    }
    if (prefix === undefined) list.addAddress(normalized, version);
    else list.addSubnet(normalized, prefix, version);
  }
  return {
    entries,
    has(address: string) {
      const normalized = normalizeAddress(address);
      const version = ipVersion(normalized);
      return version !== undefined && entries.length > 0 && list.check(normalized, version);
    },
  };
}

export interface ConnectionFacts {
  /** The TCP peer's address; undefined when there is no socket. */
  peer: string | undefined;
  /** Whether our own socket is TLS. */
  tls: boolean;
  forwardedFor: string | undefined;
  forwardedProto: string | undefined;
}

/**
 * The client behind a request. Forwarded headers count only when the TCP peer is a trusted proxy (anyone else can
 * write them): X-Forwarded-For is read from the right, each proxy appending the address it saw, and the first
 * address that is not itself a trusted proxy is the client — the left part of the list is the client's own claim.
 */
export function resolveClientAddress(facts: ConnectionFacts, trusted: TrustedProxies): ClientAddress {
  const peer = facts.peer ? normalizeAddress(facts.peer) : undefined;
  const ownScheme = facts.tls ? 'https' : 'http';
  if (!peer) return { ip: 'unknown', scheme: ownScheme };
  if (!trusted.has(peer)) return { ip: peer, scheme: ownScheme };

  let ip = peer;
  const hops = (facts.forwardedFor ?? '').split(',').map(normalizeAddress).filter(Boolean).reverse();
  for (const hop of hops) {
    // A hop that is not an address is garbage from whoever wrote it; the last address we could trust stands.
    if (!ipVersion(hop)) break;
    ip = hop;
    if (!trusted.has(hop)) break;
  }
  // The first proxy to see the client wrote the leftmost value.
  const proto = facts.forwardedProto?.split(',')[0]?.trim().toLowerCase();
  const scheme = proto === 'https' || proto === 'http' ? proto : ownScheme;
  return { ip, scheme };
}

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string; encrypted?: boolean } };
}

/** The TCP peer and whether our end is TLS, from @hono/node-server's socket, else (in-process) from the URL. */
function connectionOf(c: Context): { peer: string | undefined; tls: boolean } {
  const env = c.env as (NodeBindings & { server?: NodeBindings }) | undefined;
  const socket = (env?.server ?? env)?.incoming?.socket;
  if (socket) return { peer: socket.remoteAddress, tls: socket.encrypted === true };
  return { peer: undefined, tls: new URL(c.req.url).protocol === 'https:' };
}

/** Works out the client once per request, for the rate limits, HSTS and links to this server. */
export function clientAddressMiddleware(trusted: TrustedProxies): MiddlewareHandler {
  return async (c, next) => {
    c.set(
      'clientAddress',
      resolveClientAddress(
        {
          ...connectionOf(c),
          forwardedFor: c.req.header('x-forwarded-for'),
          forwardedProto: c.req.header('x-forwarded-proto'),
        },
        trusted,
      ),
    );
    await next();
  };
}

const NO_PROXIES = parseTrustedProxies(undefined);

/** The client of this request (see clientAddressMiddleware); without the middleware, forwarded headers are ignored. */
export function clientAddress(c: Context): ClientAddress {
  const known = c.get('clientAddress') as ClientAddress | undefined;
  if (known) return known;
  return resolveClientAddress({ ...connectionOf(c), forwardedFor: undefined, forwardedProto: undefined }, NO_PROXIES);
}
