import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { byteaArray, int2Array, int8Array, timestamptzArray, uuidArray } from './binary-array';

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
});
afterAll(() => client.end());

async function roundTrip<T>(type: string, parameter: Buffer): Promise<T[]> {
  const { rows } = await client.query<{ v: T }>(
    `SELECT v FROM unnest($1::${type}[]) WITH ORDINALITY AS x(v, n) ORDER BY n`,
    [parameter],
  );
  return rows.map((r) => r.v);
}

describe('binary array parameters', () => {
  it('round-trip bytea arrays through PostgreSQL exactly, NULLs, empty values and views included', async () => {
    const values = [randomBytes(32), null, new Uint8Array(0), randomBytes(600), randomBytes(40).subarray(5, 37), null];
    const back = await roundTrip<Buffer | null>('bytea', byteaArray(values));
    expect(back.map((v) => (v === null ? null : new Uint8Array(v)))).toEqual(
      values.map((v) => (v === null ? null : new Uint8Array(v))),
    );
    const { rows } = await client.query('SELECT array_length($1::bytea[], 1) AS n, $1::bytea[] IS NULL AS isnull', [
      byteaArray([]),
    ]);
    expect(rows[0]).toEqual({ n: null, isnull: false }); // the empty array, not NULL
  });

  it('round-trip UUIDs (either case in, lowercase out) and refuse anything else', async () => {
    const ids = [
      randomUUID(),
      randomUUID().toUpperCase(),
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
    ];
    expect(await roundTrip<string>('uuid', uuidArray(ids))).toEqual(ids.map((id) => id.toLowerCase()));
    expect(await roundTrip<string>('uuid', uuidArray([]))).toEqual([]);
    for (const bad of [
      '',
      'not-a-uuid',
      `${randomUUID()}0`,
      randomUUID().replaceAll('-', ''),
      `{${randomUUID()}}`,
      'g0000000-0000-0000-0000-000000000000',
    ]) {
      expect(() => uuidArray([randomUUID(), bad])).toThrow('is not a UUID');
    }
  });

  it('round-trip 64- and 16-bit integers at their limits; unsafe numbers are refused', async () => {
    const big = [0n, 1n, -1n, 2n ** 62n, 2n ** 63n - 1n, -(2n ** 63n), 9_007_199_254_740_993n];
    expect(await roundTrip<string>('bigint', int8Array(big))).toEqual(big.map(String));
    expect(await roundTrip<string>('bigint', int8Array([7, Number.MAX_SAFE_INTEGER, -3]))).toEqual([
      '7',
      String(Number.MAX_SAFE_INTEGER),
      '-3',
    ]);
    expect(() => int8Array([2 ** 53])).toThrow('not a safe integer');
    expect(() => int8Array([1.5])).toThrow('not a safe integer');
    expect(() => int8Array([2n ** 63n])).toThrow(RangeError);
    expect(await roundTrip<number>('smallint', int2Array([0, 1, -1, 62, 32767, -32768]))).toEqual([
      0, 1, -1, 62, 32767, -32768,
    ]);
  });

  it('round-trip times to the millisecond, before and after PostgreSQL’s epoch; an invalid Date is refused', async () => {
    const times = [
      new Date(0),
      new Date('1999-12-31T23:59:59.999Z'),
      new Date('2000-01-01T00:00:00Z'),
      new Date(),
      new Date('2262-04-11T00:00:00.001Z'),
    ];
    const back = await roundTrip<Date>('timestamptz', timestamptzArray(times));
    expect(back.map((d) => d.toISOString())).toEqual(times.map((d) => d.toISOString()));
    expect(() => timestamptzArray([new Date(Number.NaN)])).toThrow('invalid Date');
  });

  it('are read by the parameter’s declared type: a bytea array where uuid[] is declared is refused', async () => {
    await expect(client.query('SELECT unnest($1::uuid[])', [byteaArray([randomBytes(16)])])).rejects.toThrow(
      /array element type 17 \(bytea\) instead of expected 2950 \(uuid\)/,
    );
  });
});
