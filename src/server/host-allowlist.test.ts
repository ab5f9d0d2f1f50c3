import { describe, expect, it } from 'vitest';
import { allowedHosts, allowedHostsFor } from './host-allowlist.js';

describe('allowed hosts', () => {
  it('are loopback, the public URL host and the extra names', () => {
    expect([...allowedHosts('https://CS.Example.com:8443/pacer', ' a.internal ,10.0.0.5,[fd00::1]')]).toEqual([
      'localhost',
      '127.0.0.1',
      '[::1]',
      'cs.example.com',
      'a.internal',
      '10.0.0.5',
      '[fd00::1]',
    ]);
    expect(() => allowedHosts(undefined, 'pacer.example.com:443')).toThrow(
      /PACER_ALLOWED_HOSTS: "pacer.example.com:443"/,
    );
  });

  it('add the address the server listens on, unless it listens on every address', () => {
    expect(allowedHostsFor('10.0.0.5', {}).has('10.0.0.5')).toBe(true);
    expect(allowedHostsFor('fd00::2', {}).has('[fd00::2]')).toBe(true);
    expect(allowedHostsFor('0.0.0.0', {}).size).toBe(3);
    expect(allowedHostsFor('::', { PACER_ALLOWED_HOSTS: 'x.internal' }).has('x.internal')).toBe(true);
  });
});
