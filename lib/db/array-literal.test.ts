import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { byteaArrayLiteral, plainArrayLiteral } from './array-literal';

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
});
afterAll(() => client.end());

describe('array literals', () => {
  it('round-trip bytea arrays through PostgreSQL exactly, NULLs and empty values included', async () => {
    const values = [randomBytes(32), null, new Uint8Array(0), randomBytes(600), randomBytes(40).subarray(5, 37)];
    const { rows } = await client.query<{ v: Buffer | null }>('SELECT unnest($1::bytea[]) AS v', [
      byteaArrayLiteral(values),
    ]);
    expect(rows.map((r) => (r.v === null ? null : new Uint8Array(r.v)))).toEqual(
      values.map((v) => (v === null ? null : new Uint8Array(v))),
    );
  });

  it('round-trip UUIDs, integers and times, and refuse what would need quoting', async () => {
    const ids = [randomUUID(), randomUUID()];
    const times = [new Date(0).toISOString(), new Date().toISOString()];
    const { rows } = await client.query<{ id: string; n: string; t: Date }>(
      'SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[]) AS x(id, n, t)',
      [plainArrayLiteral(ids), plainArrayLiteral([2n ** 62n, 7]), plainArrayLiteral(times)],
    );
    expect(rows.map((r) => [r.id, r.n, r.t.toISOString()])).toEqual([
      [ids[0], (2n ** 62n).toString(), times[0]],
      [ids[1], '7', times[1]],
    ]);
    expect(byteaArrayLiteral([])).toBe('{}');
    for (const bad of ['a,b', 'x}', '"q"', 'with space', 'back\\slash', '']) {
      expect(() => plainArrayLiteral([bad])).toThrow('needs quoting');
    }
  });
});
