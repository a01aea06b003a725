import { describe, expect, it } from 'vitest';
import { parentsFirst } from './load-database';

describe('parentsFirst', () => {
  it('puts every table after the tables its foreign keys point to', () => {
    const parents = new Map([
      ['exhibits', new Set(['cases', 'evidence_blobs', 'users'])],
      ['cases', new Set(['courts'])],
      ['users', new Set(['courts'])],
    ]);
    const order = parentsFirst(['exhibits', 'users', 'evidence_blobs', 'cases', 'courts'], parents);
    expect(order).toHaveLength(5);
    for (const [child, of] of parents) {
      for (const parent of of)
        expect(order.indexOf(parent), `${parent} before ${child}`).toBeLessThan(order.indexOf(child));
    }
  });

  it('refuses foreign keys that form a cycle, naming it', () => {
    const parents = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['a'])],
    ]);
    expect(() => parentsFirst(['a', 'b'], parents)).toThrow(/cycle: a → b → a/);
  });
});
