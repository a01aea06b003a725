import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getPool } from '@/lib/db/pool';
import { newDepositIds } from './deposit-id';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newDepositIds', () => {
  it('makes RFC 9562 version 7 UUIDs carrying the time, which PostgreSQL reads back', async () => {
    const now = Date.UTC(2026, 10, 28, 3, 45, 6, 789);
    const ids = newDepositIds(3, now);
    for (const id of ids) {
      expect(id).toMatch(V7);
      expect(z.uuid().safeParse(id).success).toBe(true);
    }
    const { rows } = await getPool().query<{ version: number; time: Date }>(
      'SELECT uuid_extract_version(id) AS version, uuid_extract_timestamp(id) AS time FROM unnest($1::uuid[]) AS id',
      [ids],
    );
    expect(rows.map((r) => [r.version, r.time.getTime()])).toEqual(ids.map(() => [7, now]));
  });

  it('keeps 74 random bits: 100,000 IDs of one millisecond are distinct and every random bit varies', () => {
    const ids = newDepositIds(100_000, 1);
    expect(new Set(ids).size).toBe(ids.length);
    const bits = (id: string) => BigInt(`0x${id.replaceAll('-', '')}`) & ((1n << 80n) - 1n);
    let ones = 0n;
    let zeros = 0n;
    for (const id of ids.slice(0, 1000)) {
      ones |= bits(id);
      zeros |= ~bits(id);
    }
    // rand_a (12 bits after the version) and rand_b (62 bits after the variant) all take both values.
    const random = (((1n << 12n) - 1n) << 64n) | ((1n << 62n) - 1n);
    expect(ones & random).toBe(random);
    expect(zeros & random).toBe(random);
  });

  it('sorts by time: IDs of later milliseconds sort after earlier ones', () => {
    const times = [0, 1, 255, 256, 1_700_000_000_000, 2 ** 48 - 1];
    const ids = times.map((t) => newDepositIds(1, t)[0] as string);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0]?.startsWith('00000000-0000-7')).toBe(true);
    expect(ids.at(-1)?.startsWith('ffffffff-ffff-7')).toBe(true);
  });

  it('refuses a time that does not fit 48 bits', () => {
    for (const bad of [-1, 2 ** 48, 1.5, Number.NaN]) expect(() => newDepositIds(1, bad)).toThrow(RangeError);
  });
});
