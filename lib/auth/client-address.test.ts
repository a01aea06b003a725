import { describe, expect, it } from 'vitest';
import { clientAddressFromForwarded } from './client-address';

describe('clientAddressFromForwarded', () => {
  it('takes the address the trusted proxy appended, not what the client wrote before it', () => {
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended 203.0.113.7; the front
    // server appended the proxy, 10.0.0.2.
    expect(clientAddressFromForwarded('1.2.3.4, 203.0.113.7, 10.0.0.2', true)).toBe('203.0.113.7');
    expect(clientAddressFromForwarded('9.9.9.9, 8.8.8.8,1.2.3.4, 203.0.113.7, 10.0.0.2', true)).toBe('203.0.113.7');
    // A proxy that replaces the header instead of appending.
    expect(clientAddressFromForwarded('203.0.113.7, 10.0.0.2', true)).toBe('203.0.113.7');
    expect(clientAddressFromForwarded('2001:db8::1, ::ffff:10.0.0.2', true)).toBe('2001:db8::1');
  });

  it('changing the client-written part never changes the address (no way around the limit)', () => {
    const seen = new Set(
      ['', 'a', '1.1.1.1', '1.1.1.1, 2.2.2.2', ' , ,', 'x'.repeat(5000)].map((made) =>
        clientAddressFromForwarded(`${made ? `${made}, ` : ''}203.0.113.7, 10.0.0.2`, true),
      ),
    );
    expect([...seen]).toEqual(['203.0.113.7']);
  });

  it('uses the only entry when the request reached the front server directly', () => {
    expect(clientAddressFromForwarded('198.51.100.4', true)).toBe('198.51.100.4');
  });

  it('gives no address without a trusted proxy, without the header, or for nonsense', () => {
    expect(clientAddressFromForwarded('203.0.113.7, 10.0.0.2', false)).toBeUndefined();
    expect(clientAddressFromForwarded(undefined, true)).toBeUndefined();
    expect(clientAddressFromForwarded(['203.0.113.7'], true)).toBeUndefined();
    expect(clientAddressFromForwarded(' , ', true)).toBeUndefined();
    expect(clientAddressFromForwarded(`${'y'.repeat(101)}, 10.0.0.2`, true)).toBeUndefined();
  });
});
