/**
 * The offline certificate check against a certificate built from a real deposit statement in a
 * tree hashed by the reference implementation: the good certificate passes, and every single
 * change — to a body field, the signature, the key, the leaf, the proof, the pins or the file in
 * hand — fails the check it should, and nothing ever throws.
 */
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, generateNoteKeys } from '@/lib/tlog';
import type { CertificateFile } from './certificate-body';
import { buildTestCertificate, digestsOf, TEST_COURT_SEED, TEST_FILE, TEST_LOG } from './certificates.testing';
import { courtPublicKey, signCertificate } from './sign-certificate';
import { type CertificateCheck, type CertificateCheckName, verifyCertificate } from './verify-certificate';

const COURT_KEY = courtPublicKey(TEST_COURT_SEED);
const PINNED = { courtPublicKey: COURT_KEY, logVerifierKey: TEST_LOG.verifierKey };

function clone(file: CertificateFile): CertificateFile {
  return structuredClone(file);
}

function failed(check: CertificateCheck): CertificateCheckName[] {
  return check.checks.filter((c) => !c.ok).map((c) => c.name);
}

function flipByte(base64: string, at: number): string {
  const bytes = base64ToBytes(base64);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return bytesToBase64(bytes);
}

/** A different character of the same kind (digit, hex letter, other), so the field stays well-formed. */
function changeChar(text: string, at: number): string {
  const c = text[at] ?? '';
  const next = /[0-8]/.test(c)
    ? String(Number(c) + 1)
    : c === '9'
      ? '0'
      : /[a-e]/.test(c)
        ? 'f'
        : c === 'f'
          ? 'a'
          : 'X';
  return text.slice(0, at) + (next === c ? 'Y' : next) + text.slice(at + 1);
}

describe('a good certificate', () => {
  it('passes every check with the court and log keys pinned', () => {
    const check = verifyCertificate(buildTestCertificate(), { ...PINNED, fileDigests: digestsOf(TEST_FILE) });
    expect(check.checks.map((c) => [c.name, c.ok])).toEqual([
      ['format', true],
      ['signature', true],
      ['court_key', true],
      ['leaf', true],
      ['digests_match_leaf', true],
      ['checkpoint_signature', true],
      ['inclusion_proof', true],
      ['file_digests', true],
    ]);
    expect(check.ok).toBe(true);
    expect(check.courtKey).toEqual({ keyId: check.file?.signature.keyId, pinned: true });
    expect(check.logKey).toEqual({ verifierKey: TEST_LOG.verifierKey, source: 'pinned' });
  });

  it('passes without pins, and says that the keys were the certificate’s own', () => {
    const check = verifyCertificate(buildTestCertificate());
    expect(check.ok).toBe(true);
    expect(check.checks.find((c) => c.name === 'court_key')?.message).toMatch(/^not pinned/);
    expect(check.checks.find((c) => c.name === 'checkpoint_signature')?.message).toMatch(/not pinned/);
    expect(check.courtKey?.pinned).toBe(false);
    expect(check.logKey?.source).toBe('certificate');
    expect(check.checks.some((c) => c.name === 'file_digests')).toBe(false);
  });

  it('accepts the court key as base64 (as GET /api/v1/certificates/key serves it) and JSON text', () => {
    const file = buildTestCertificate();
    const check = verifyCertificate(JSON.stringify(file), { courtPublicKey: `${bytesToBase64(COURT_KEY)}\n` });
    expect(check.ok).toBe(true);
    expect(verifyCertificate(new TextEncoder().encode(JSON.stringify(file)), PINNED).ok).toBe(true);
  });

  it('checks a tampered certificate: the leaf must record different digests', () => {
    const changed = new Uint8Array(TEST_FILE);
    changed[0] = (changed[0] ?? 0) ^ 1;
    const check = verifyCertificate(buildTestCertificate({ verdict: 'tampered', exhibitFile: changed }), PINNED);
    expect(check.ok).toBe(true);
    const lying = verifyCertificate(buildTestCertificate({ verdict: 'tampered' }), PINNED);
    expect(failed(lying)).toEqual(['digests_match_leaf']);
  });

  it('checks a not_found certificate without deposit checks', () => {
    const check = verifyCertificate(buildTestCertificate({ verdict: 'not_found' }), PINNED);
    expect(check.ok).toBe(true);
    expect(check.checks.map((c) => c.name)).toEqual(['format', 'signature', 'court_key']);
  });
});

describe('a single change fails the right check', () => {
  const good = buildTestCertificate();

  it.each([
    [
      'number',
      (f: CertificateFile) => {
        f.body.number = 'VC-2026-000124';
      },
    ],
    [
      'id',
      (f: CertificateFile) => {
        f.body.id = changeChar(f.body.id, 0);
      },
    ],
    [
      'court name',
      (f: CertificateFile) => {
        f.body.court.nameZh = '测试互联网法庭';
      },
    ],
    [
      'case number',
      (f: CertificateFile) => {
        f.body.case.number = '（2026）测0491民初124号';
      },
    ],
    [
      'exhibit title',
      (f: CertificateFile) => {
        f.body.exhibit.title = '劳动合同（复印件扫描）';
      },
    ],
    [
      'exhibit file name',
      (f: CertificateFile) => {
        f.body.exhibit.fileName = 'contract2.pdf';
      },
    ],
    [
      'size',
      (f: CertificateFile) => {
        f.body.exhibit.size = (f.body.exhibit.size ?? 0) + 1;
      },
    ],
    [
      'party',
      (f: CertificateFile) => {
        f.body.exhibit.partyRole = 'defendant';
      },
    ],
    [
      'verification time',
      (f: CertificateFile) => {
        f.body.verification.at = '2026-11-27T03:00:00.001Z';
      },
    ],
    [
      'verifier',
      (f: CertificateFile) => {
        f.body.verification.by = '李四';
      },
    ],
    [
      'deposit id',
      (f: CertificateFile) => {
        if (f.body.deposit) f.body.deposit.id = changeChar(f.body.deposit.id, 0);
      },
    ],
    [
      'issuer',
      (f: CertificateFile) => {
        f.body.issuer.name = '王书记员';
      },
    ],
    [
      'issue time',
      (f: CertificateFile) => {
        f.body.issuedAt = '2026-11-27T04:00:01.000Z';
      },
    ],
    [
      'scope',
      (f: CertificateFile) => {
        f.body.scope.en = 'Test scope statement!';
      },
    ],
  ])('%s: the signature fails, nothing else', (_, mutate) => {
    const file = clone(good);
    mutate(file);
    const check = verifyCertificate(file, PINNED);
    expect(failed(check)).toEqual(['signature']);
    expect(check.ok).toBe(false);
  });

  it('a digest in the body: the signature, and the leaf no longer records it', () => {
    for (const algorithm of ['sha256', 'sm3'] as const) {
      const file = clone(good);
      file.body.digests[algorithm] = changeChar(file.body.digests[algorithm], 63);
      expect(failed(verifyCertificate(file, PINNED))).toEqual(['signature', 'digests_match_leaf']);
    }
  });

  it('the verdict: the signature (and the leaf says otherwise)', () => {
    const file = clone(good);
    file.body.verdict = 'tampered';
    expect(failed(verifyCertificate(file, PINNED))).toEqual(['signature', 'digests_match_leaf']);
  });

  it('every character of every string in the body: never ok', () => {
    let tried = 0;
    const visit = (value: unknown, set: (v: unknown) => void) => {
      if (typeof value === 'string') {
        for (let i = 0; i < value.length; i += Math.max(1, Math.floor(value.length / 7))) {
          set(changeChar(value, i));
          expect(verifyCertificate(file, PINNED).ok).toBe(false);
          tried++;
        }
        set(value);
      } else if (typeof value === 'number') {
        set(value + 1);
        expect(verifyCertificate(file, PINNED).ok).toBe(false);
        set(value);
        tried++;
      } else if (value && typeof value === 'object') {
        for (const key of Object.keys(value)) {
          const object = value as Record<string, unknown>;
          visit(object[key], (v) => {
            object[key] = v;
          });
        }
      }
    };
    const file = clone(good);
    visit(file, () => {});
    expect(verifyCertificate(file, PINNED).ok).toBe(true); // everything was put back
    expect(tried).toBeGreaterThan(150);
  });

  it('a signature byte: the signature fails', () => {
    for (const at of [0, 31, 32, 63]) {
      const file = clone(good);
      file.signature.value = flipByte(file.signature.value, at);
      expect(failed(verifyCertificate(file, PINNED))).toEqual(['signature']);
    }
  });

  it('a public key byte: the signature and the pinned court key fail', () => {
    const file = clone(good);
    file.signature.publicKey = flipByte(file.signature.publicKey, 5);
    expect(failed(verifyCertificate(file, PINNED))).toEqual(['signature', 'court_key']);
  });

  it('the key ID: the court key check fails', () => {
    const file = clone(good);
    file.signature.keyId = changeChar(file.signature.keyId, 0);
    expect(failed(verifyCertificate(file, PINNED))).toEqual(['court_key']);
  });

  it('a leaf byte: the signature, the leaf’s digests and the inclusion proof fail', () => {
    const file = clone(good);
    const deposit = file.body.deposit;
    if (!deposit) throw new Error('no deposit');
    const leaf = new TextDecoder().decode(base64ToBytes(deposit.leaf));
    const at = leaf.indexOf('"sha256":"') + 12;
    deposit.leaf = bytesToBase64(new TextEncoder().encode(changeChar(leaf, at)));
    expect(failed(verifyCertificate(file, PINNED))).toEqual(['signature', 'digests_match_leaf', 'inclusion_proof']);
    // Even re-signed by the court (a forged leaf the court was tricked into signing), the proof catches it.
    const resigned = signCertificate(file.body, TEST_COURT_SEED);
    expect(failed(verifyCertificate(resigned, PINNED))).toEqual(['digests_match_leaf', 'inclusion_proof']);
  });

  it('a leaf that is not canonical JSON: the leaf check fails', () => {
    const file = clone(good);
    const deposit = file.body.deposit;
    if (!deposit) throw new Error('no deposit');
    deposit.leaf = bytesToBase64(new TextEncoder().encode(` ${new TextDecoder().decode(base64ToBytes(deposit.leaf))}`));
    const resigned = signCertificate(file.body, TEST_COURT_SEED);
    expect(failed(verifyCertificate(resigned, PINNED))).toEqual(['leaf', 'digests_match_leaf', 'inclusion_proof']);
  });

  it('the deposit time or depositor differing from the leaf: the leaf check fails', () => {
    const file = clone(good);
    if (!file.body.deposit) throw new Error('no deposit');
    file.body.deposit.depositedAt = '2026-03-01T02:02:04.456Z';
    expect(failed(verifyCertificate(signCertificate(file.body, TEST_COURT_SEED), PINNED))).toEqual(['leaf']);
  });

  it('a proof hash: the inclusion proof fails; a checkpoint signature byte: the checkpoint fails', () => {
    const proofLines = (text: string) => text.split('\n');
    const withProof = (edit: (lines: string[]) => void) => {
      const file = clone(good);
      const deposit = file.body.deposit;
      if (!deposit?.tlogProof) throw new Error('no proof');
      const lines = proofLines(deposit.tlogProof);
      edit(lines);
      deposit.tlogProof = lines.join('\n');
      return failed(verifyCertificate(signCertificate(file.body, TEST_COURT_SEED), PINNED));
    };
    // c2sp.org/tlog-proof@v1: header, "index N", proof hashes, empty line, checkpoint note.
    expect(
      withProof((lines) => {
        lines[2] = flipByte(lines[2] ?? '', 0);
      }),
    ).toEqual(['inclusion_proof']);
    const signatureLine = (lines: string[]) => lines.findIndex((l) => l.startsWith('— '));
    expect(
      withProof((lines) => {
        const i = signatureLine(lines);
        const [dash, name, sig] = (lines[i] ?? '').split(' ');
        lines[i] = `${dash} ${name} ${flipByte(sig ?? '', 10)}`;
      }),
    ).toEqual(['checkpoint_signature']);
    expect(
      withProof((lines) => {
        lines[1] = 'index 4';
      }),
    ).toEqual(['inclusion_proof']);
  });

  it('a wrong pinned court key: the court key check fails, the signature still holds', () => {
    const other = courtPublicKey(new Uint8Array(32).fill(8));
    const check = verifyCertificate(good, { ...PINNED, courtPublicKey: other });
    expect(failed(check)).toEqual(['court_key']);
    expect(failed(verifyCertificate(good, { courtPublicKey: 'not a key' }))).toEqual(['court_key']);
  });

  it('a certificate signed by another key: the signature holds, the pinned court key fails', () => {
    const forged = buildTestCertificate({ courtSeed: new Uint8Array(32).fill(8) });
    expect(failed(verifyCertificate(forged, PINNED))).toEqual(['court_key']);
  });

  it('a wrong pinned log key: the checkpoint signature fails', () => {
    const other = generateNoteKeys('verity.test/certificates', new Uint8Array(32).fill(10)).verifierKey;
    expect(failed(verifyCertificate(good, { ...PINNED, logVerifierKey: other }))).toEqual(['checkpoint_signature']);
    expect(failed(verifyCertificate(good, { ...PINNED, logVerifierKey: 'garbage' }))).toEqual(['checkpoint_signature']);
  });

  it('a different file: the file digests fail', () => {
    const other = digestsOf(new TextEncoder().encode('another file'));
    expect(failed(verifyCertificate(good, { ...PINNED, fileDigests: other }))).toEqual(['file_digests']);
    expect(failed(verifyCertificate(good, { ...PINNED, fileDigests: { sm3: other.sm3 } }))).toEqual(['file_digests']);
    expect(failed(verifyCertificate(good, { ...PINNED, fileDigests: { sha256: 'zz' } }))).toEqual(['file_digests']);
    const upper = { sha256: digestsOf(TEST_FILE).sha256.toUpperCase() };
    expect(verifyCertificate(good, { ...PINNED, fileDigests: upper }).ok).toBe(true);
  });

  it('a verdict that contradicts the deposit: the format check fails', () => {
    const file = clone(good);
    file.body.verdict = 'not_found';
    expect(failed(verifyCertificate(signCertificate(file.body, TEST_COURT_SEED), PINNED))).toContain('format');
  });
});

describe('bad input', () => {
  it('never throws, and fails the format check', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    const deep: Record<string, unknown> = {};
    let node = deep;
    for (let i = 0; i < 10_000; i++) node = node.a = {} as Record<string, unknown>;
    for (const input of [
      null,
      undefined,
      42,
      'not json',
      '{"format":"verity-certificate/v1"}',
      new Uint8Array([0xff, 0xfe]),
      {},
      [],
      { ...buildTestCertificate(), extra: 1 },
      { ...buildTestCertificate(), body: 'x' },
      { ...buildTestCertificate(), signature: { ...buildTestCertificate().signature, value: '!!!' } },
      hostile,
      deep,
    ]) {
      const check = verifyCertificate(input, PINNED);
      expect(check.ok).toBe(false);
      expect(check.checks[0]?.name).toBe('format');
      expect(check.checks[0]?.ok).toBe(false);
    }
  });

  it('reports a signature that is not 64 bytes as a signature failure', () => {
    const file = clone(buildTestCertificate());
    file.signature.value = bytesToBase64(new Uint8Array(63));
    expect(failed(verifyCertificate(file, PINNED))).toEqual(['signature']);
  });
});
