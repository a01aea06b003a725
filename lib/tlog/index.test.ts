import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles, specifiersOf } from '@/test/imports';
import * as tlog from './index';

const DIR = import.meta.dirname;

describe('lib/tlog module boundary', () => {
  it('library files import only each other and @noble (no node:, no other lib/, no server-only)', () => {
    const sources = sourceFiles(DIR);
    expect(sources.length).toBeGreaterThan(10);
    let checked = 0;
    for (const source of sources) {
      const file = path.basename(source);
      const text = readFileSync(source, 'utf8');
      for (const specifier of specifiersOf(source)) {
        checked++;
        expect(specifier, `${file} imports ${specifier}`).toMatch(
          /^(\.\/[a-z0-9-]+|@noble\/(hashes|curves)\/[a-z0-9]+\.js|@noble\/post-quantum\/ml-dsa\.js)$/,
        );
      }
      expect(text, file).not.toMatch(/\bBuffer\.|new Buffer|\bprocess\.|\brequire\(/);
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('exports the public API', () => {
    for (const name of [
      'hashLeaf',
      'hashChildren',
      'rootFromLeafHashes',
      'verifyInclusion',
      'rootFromInclusionProof',
      'verifyConsistency',
      'rootFromConsistencyProof',
      'inclusionProofSize',
      'consistencyProofSize',
      'parseCheckpoint',
      'formatCheckpoint',
      'signNote',
      'verifyNote',
      'parseSignedNote',
      'verifyCheckpoint',
      'parseVerifierKey',
      'parseSignerKey',
      'generateNoteKeys',
      'parseTlogProof',
      'formatTlogProof',
      'verifyTlogProof',
      'base64ToBytes',
      'bytesToBase64',
      'hexToBytes',
      'bytesToHex',
      'TlogError',
      'isTlogError',
      'signCosignature',
      'verifyCosignature',
      'checkCosignatures',
      'verifyCosignedCheckpoint',
      'parseCosignerVerifierKey',
      'generateCosignerKeys',
      'cosignerKeyId',
    ]) {
      expect(typeof (tlog as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
