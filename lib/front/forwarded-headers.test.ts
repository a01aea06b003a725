import { describe, expect, it } from 'vitest';
import { trustedProxies } from './forwarded-headers';

describe('trustedProxies (VERITY_TRUSTED_PROXIES)', () => {
  it('is null when no proxy is declared', () => {
    expect(trustedProxies(undefined)).toBeNull();
    expect(trustedProxies(' , ')).toBeNull();
  });

  it('matches listed addresses and subnets, IPv4-mapped IPv6 included, and nothing else', () => {
    const list = trustedProxies('127.0.0.1, 10.0.0.0/8, fd00::/8');
    expect(list?.check('127.0.0.1', 'ipv4')).toBe(true);
    expect(list?.check('::ffff:127.0.0.1', 'ipv6')).toBe(true);
    expect(list?.check('10.20.30.40', 'ipv4')).toBe(true);
    expect(list?.check('fd12::1', 'ipv6')).toBe(true);
    expect(list?.check('127.0.0.2', 'ipv4')).toBe(false);
    expect(list?.check('::1', 'ipv6')).toBe(false);
  });

  it('refuses an entry that is not an address or subnet, so a typo stops the start', () => {
    for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129', '10.0.0.0/x', '*']) {
      expect(() => trustedProxies(bad), bad).toThrow(/VERITY_TRUSTED_PROXIES/);
    }
  });
});
