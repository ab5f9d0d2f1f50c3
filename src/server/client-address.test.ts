import { describe, expect, it } from 'vitest';
import { type ConnectionFacts, parseTrustedProxies, resolveClientAddress } from './client-address.js';

const facts = (over: Partial<ConnectionFacts>): ConnectionFacts => ({
  peer: '127.0.0.1',
  tls: false,
  forwardedFor: undefined,
  forwardedProto: undefined,
  ...over,
});

describe('resolveClientAddress', () => {
  const none = parseTrustedProxies('');
  const proxies = parseTrustedProxies('127.0.0.1, 10.0.0.0/8, fd00::/8');

  it('ignores forwarded headers from a peer that is not a trusted proxy', () => {
    const claim = facts({ peer: '198.51.100.9', forwardedFor: '1.2.3.4', forwardedProto: 'https' });
    expect(resolveClientAddress(claim, none)).toEqual({ ip: '198.51.100.9', scheme: 'http' });
    expect(resolveClientAddress(claim, proxies)).toEqual({ ip: '198.51.100.9', scheme: 'http' });
  });

  it('takes the rightmost address that is not a trusted proxy', () => {
    // client claims 6.6.6.6; the edge proxy saw 203.0.113.5; an inner proxy 10.1.1.1 forwarded to us.
    const chain = facts({ forwardedFor: '6.6.6.6, 203.0.113.5, 10.1.1.1', forwardedProto: 'https, http' });
    expect(resolveClientAddress(chain, proxies)).toEqual({ ip: '203.0.113.5', scheme: 'https' });
    // Every hop trusted: the leftmost is the client.
    expect(resolveClientAddress(facts({ forwardedFor: '10.0.0.1' }), proxies).ip).toBe('10.0.0.1');
    // Garbage in the chain: the last address we could trust stands.
    expect(resolveClientAddress(facts({ forwardedFor: 'nonsense, 10.2.2.2' }), proxies).ip).toBe('10.2.2.2');
  });

  it('treats an IPv4 address on a dual-stack socket as IPv4, and TLS on our own socket as https', () => {
    expect(resolveClientAddress(facts({ peer: '::ffff:127.0.0.1', forwardedFor: '9.9.9.9' }), proxies).ip).toBe(
      '9.9.9.9',
    );
    expect(resolveClientAddress(facts({ peer: 'fd00::1', forwardedFor: '9.9.9.8' }), proxies).ip).toBe('9.9.9.8');
    expect(resolveClientAddress(facts({ peer: '192.0.2.1', tls: true }), none).scheme).toBe('https');
    expect(resolveClientAddress(facts({ peer: undefined }), proxies)).toEqual({ ip: 'unknown', scheme: 'http' });
  });

  it('refuses a configuration entry that is not an address or a range', () => {
    expect(() => parseTrustedProxies('127.0.0.1, proxy.local')).toThrow(/PACER_TRUSTED_PROXIES: "proxy.local"/);
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/PACER_TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies('10.0.0.0/x')).toThrow(/PACER_TRUSTED_PROXIES/);
  });
});
