import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from '@/test/imports';
import * as statement from './index';

const DIR = import.meta.dirname;

describe('lib/ledger/statement module boundary', () => {
  it('library files are browser-safe: no server-only, no node:, nothing from lib/ but hashing, tlog, the zod issue text (errors/zod-issues) and the plain-text rule (text/plain-text)', () => {
    const sources = sourceFiles(DIR);
    expect(sources.length).toBeGreaterThan(8);
    let checked = 0;
    for (const source of sources) {
      const file = path.basename(source);
      const text = readFileSync(source, 'utf8');
      const imports = importsOf(text);
      expect(
        imports.filter((i) => i.sideEffect),
        file,
      ).toEqual([]); // no side-effect imports (server-only)
      for (const { specifier } of imports) {
        checked++;
        expect(specifier, `${file} imports ${specifier}`).toMatch(
          /^(\.\/[a-z0-9.-]+|@\/lib\/(hashing|tlog|errors\/zod-issues|text\/plain-text)|@noble\/(hashes|curves)\/[a-z0-9]+\.js|sm-crypto-v2|zod)$/,
        );
      }
      expect(text, file).not.toMatch(/\bBuffer\.|new Buffer|\bprocess\.|\brequire\(/);
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('exports the public API', () => {
    for (const name of [
      'canonicalJson',
      'canonicalJsonBytes',
      'signedPayload',
      'signedPayloadObject',
      'titleSha256',
      'metadataSha256',
      'buildLeaf',
      'parseLeaf',
      'verifyDepositorSignature',
      'signDepositRequest',
      'depositorPublicKey',
      'StatementError',
      'isStatementError',
      'isCanonicalTimestamp',
    ]) {
      expect(typeof (statement as Record<string, unknown>)[name], name).toBe('function');
    }
    for (const name of ['ZDepositRequest', 'ZDepositBatch', 'ZLeafStatement']) {
      expect(typeof (statement as unknown as Record<string, { safeParse?: unknown }>)[name]?.safeParse, name).toBe(
        'function',
      );
    }
    expect(statement.MAX_BATCH_SIZE).toBe(1000);
    expect(statement.STATEMENT_VERSION).toBe(1);
  });
});
