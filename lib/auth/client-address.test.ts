import { describe, expect, it } from 'vitest';
import { addressKey, clientAddressFromForwarded } from './client-address';

describe('clientAddressFromForwarded', () => {
  it('behind a trusted proxy, takes the address the proxy appended, not what the client wrote before it', () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended 203.0.113.7; the front
    // server appended the proxy, 10.0.0.2.
    expect(clientAddressFromForwarded('1.2.3.4, 203.0.113.7, 10.0.0.2', true)).toBe('203.0.113.7');
    expect(clientAddressFromForwarded('9.9.9.9, 8.8.8.8,1.2.3.4, 203.0.113.7, 10.0.0.2', true)).toBe('203.0.113.7');
    // A proxy that replaces the header instead of appending.
    expect(clientAddressFromForwarded('203.0.113.7, 10.0.0.2', true)).toBe('203.0.113.7');
    expect(clientAddressFromForwarded('2001:db8::1, ::ffff:10.0.0.2', true)).toBe('2001:db8::1');
  });

  it('reads past the last entry only when that entry is a declared proxy (VERITY_TRUSTED_PROXIES)', () => {
    const isProxy = (address: string) => address === '10.0.0.2';
    expect(clientAddressFromForwarded('1.2.3.4, 203.0.113.7, 10.0.0.2', isProxy)).toBe('203.0.113.7');
    // The front server's peer was not the proxy: the peer is the client, whatever came before.
    expect(clientAddressFromForwarded('203.0.113.7, 198.51.100.9', isProxy)).toBe('198.51.100.9');
    expect(clientAddressFromForwarded('10.0.0.2', isProxy)).toBe('10.0.0.2');
  });

  it('without a trusted proxy, takes the entry the front server appended: its TCP peer, the client', () => {
    expect(clientAddressFromForwarded('203.0.113.7', false)).toBe('203.0.113.7');
    expect(clientAddressFromForwarded('1.2.3.4, 5.6.7.8, 203.0.113.7', false)).toBe('203.0.113.7');
  });

  it('changing the client-written part never changes the address (no way around the limit)', () => {
    for (const trustProxy of [true, false]) {
      const seen = new Set(
        ['', 'a', '1.1.1.1', '1.1.1.1, 2.2.2.2', ' , ,', 'x'.repeat(5000)].map((made) =>
          clientAddressFromForwarded(
            `${made ? `${made}, ` : ''}203.0.113.7${trustProxy ? ', 10.0.0.2' : ''}`,
            trustProxy,
          ),
        ),
      );
      expect([...seen]).toEqual(['203.0.113.7']);
    }
  });

  it('uses the only entry when the request reached the front server directly', () => {
    expect(clientAddressFromForwarded('198.51.100.4', true)).toBe('198.51.100.4');
  });

  it('gives no address without the header, or for nonsense', () => {
    expect(clientAddressFromForwarded(undefined, true)).toBeUndefined();
    expect(clientAddressFromForwarded(undefined, false)).toBeUndefined();
    expect(clientAddressFromForwarded(['203.0.113.7'], true)).toBeUndefined();
    expect(clientAddressFromForwarded(' , ', true)).toBeUndefined();
    expect(clientAddressFromForwarded(`${'y'.repeat(101)}, 10.0.0.2`, true)).toBeUndefined();
    expect(clientAddressFromForwarded(`10.0.0.2, ${'y'.repeat(101)}`, false)).toBeUndefined();
  });
});

describe('addressKey', () => {
  it('keeps IPv4 addresses, and writes IPv4-mapped IPv6 as IPv4', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    const key = '2001:db8:0:12::/64';
    for (const a of [
      '2001:db8:0:12::1',
      '2001:0db8:0000:0012:ffff:1:2:3',
      '2001:DB8::12:0:0:0:9'.replace('::12', ':0:12'),
      '[2001:db8:0:12::5]',
    ]) {
      expect(addressKey(a), a).toBe(key);
    }
    expect(addressKey('2001:db8:0:13::1')).not.toBe(key);
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps what is not an address as written, lowercased', () => {
    expect(addressKey('Not-An-Address')).toBe('not-an-address');
    expect(addressKey('1:2:3')).toBe('1:2:3');
    expect(addressKey('1::2::3')).toBe('1::2::3');
  });
});
