/**
 * The declaration files (emit-types.ts), made for the stand-in entries (fixtures/stand-in) and for
 * two entries that cannot be published as they are (fixtures/bad-types), with the repo's own
 * TypeScript. pack.test.ts compiles the published result in a strict consumer.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitTypes, TypesError } from './emit-types';

const HERE = import.meta.dirname;
const ROOT = path.resolve(HERE, '../../..');
const fixture = (name: string) => path.join(HERE, '../fixtures', name);

let out: string;
beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'verity-types-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('emitTypes', () => {
  it('writes declarations that import no package, with the zod-inferred receipt types expanded', async () => {
    const dir = path.join(out, 'stand-in');
    const files = await emitTypes({
      root: ROOT,
      outdir: dir,
      nodeEntries: ['node'],
      entries: { index: fixture('stand-in/index.ts'), node: fixture('stand-in/node.ts') },
    });
    expect(files).toEqual(expect.arrayContaining(['index.d.ts', 'node.d.ts', 'types/lib/ledger/receipt.schema.d.ts']));
    expect(await readFile(path.join(dir, 'index.d.ts'), 'utf8')).toBe(
      "export * from './types/packages/client/fixtures/stand-in/index.js';\n",
    );
    for (const file of await readdir(dir, { recursive: true })) {
      if (!file.endsWith('.d.ts')) continue;
      const text = await readFile(path.join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/from '(?![./]|node:)|import\("(?![./])|'@\//);
    }
    const schema = await readFile(path.join(dir, 'types/lib/ledger/receipt.schema.d.ts'), 'utf8');
    const receipt = schema.slice(schema.indexOf('export type Receipt ='));
    expect(receipt).toMatch(/^export type Receipt = \{\n\s+id: string;\n\s+status: "sealed";\n\s+leafIndex: number;/);
    expect(receipt).toContain('status: "pending";');
    const entry = await readFile(path.join(dir, 'types/packages/client/fixtures/stand-in/index.d.ts'), 'utf8');
    expect(entry).toContain('export declare const ReceiptSchema: VeritySchema<{');
    expect(entry).toContain('interface VeritySchema<T> {');
  }, 180_000);

  it('expands zod types written in an interface, a class and a function signature', async () => {
    const dir = path.join(out, 'members');
    await emitTypes({ root: ROOT, outdir: dir, entries: { index: fixture('package-types/members.ts') } });
    const text = await readFile(path.join(dir, 'types/packages/client/fixtures/package-types/members.d.ts'), 'utf8');
    expect(text).not.toMatch(/\bz\.|from 'zod'/);
    expect(text).toMatch(/options: \{\n\s+url: string;\n\s+retries\?: number \| undefined;\n\s*\};/);
    expect(text).toMatch(/read\(json: unknown\): \{/);
    expect(text).toContain('): Promise<number | undefined>;');
  }, 180_000);

  it('refuses a declaration that needs a package’s types', async () => {
    const emitting = emitTypes({
      root: ROOT,
      outdir: path.join(out, 'zod'),
      entries: { index: fixture('bad-types/zod-parameter.ts') },
    });
    await expect(emitting).rejects.toThrow(TypesError);
    await expect(emitting).rejects.toThrow(/describeSchema.*is written in terms of a package/);
  }, 180_000);

  it('refuses Node’s types from the browser entry, and allows them from the Node entry', async () => {
    const entries = { index: fixture('bad-types/node-types.ts') };
    await expect(emitTypes({ root: ROOT, outdir: path.join(out, 'a'), entries })).rejects.toThrow(
      /index\.d\.ts reaches Node's types/,
    );
    const files = await emitTypes({ root: ROOT, outdir: path.join(out, 'b'), entries, nodeEntries: ['index'] });
    expect(files).toContain('types/packages/client/fixtures/bad-types/node-types.d.ts');
  }, 180_000);

  it('refuses an entry outside the checkout', async () => {
    await expect(
      emitTypes({ root: ROOT, outdir: path.join(out, 'c'), entries: { index: path.join(out, 'elsewhere.ts') } }),
    ).rejects.toThrow(/outside the checkout/);
  });
});
