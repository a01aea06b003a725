/**
 * Cosignatures from a running `verity witness` (lib/witness over real HTTP), checked by Go's
 * standard library: this test cosigns checkpoints of several sizes with a real witness server,
 * writes them (and tampered copies that must fail) to a fixture file, and runs
 * `go test -run 'TestWitnessFixture|TestTypeScriptCosignatures|TestGoCosignatureVector|TestKeyIDDerivation'`
 * in this folder with VERITY_WITNESS_FIXTURE naming it (cosignature_test.go: crypto/ed25519,
 * crypto/sha256, the message and key ID rebuilt from the spec text).
 *
 * Needs `go` (Debian's golang-go); skipped without it, except under CI where that fails.
 *
 *     npx vitest run --config tools/go-verify/vitest.config.ts tools/go-verify/witness-cosignatures.test.ts
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWitnessDir, post, TestLog } from '@/lib/witness/witness.testing';
import { startWitnessServer } from '@/lib/witness/witness-server';
import { buildGoVerifier, GO_VERIFY_DIR, GO_VERIFY_MISSING_MESSAGE, offlineGoEnv } from './build';

const run = promisify(execFile);
const binary = await buildGoVerifier(); // null without Go: then the Go test cannot run either
const cleanup: string[] = [];
afterAll(async () => {
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

interface FixtureCase {
  description: string;
  verifierKey: string;
  note: string;
  valid: boolean;
}

describe('a running witness’s cosignatures, verified by Go crypto/ed25519', () => {
  it('has Go installed', (context) => {
    if (binary) return;
    if (process.env.CI) expect.fail(GO_VERIFY_MISSING_MESSAGE);
    context.skip(GO_VERIFY_MISSING_MESSAGE);
  });

  it.runIf(binary)('verifies every cosignature the witness returned, and refuses tampered copies', async () => {
    const log = new TestLog('log.example/go-fixture').grow(1);
    const made = await makeWitnessDir([log], { name: 'witness.example/go-fixture' });
    cleanup.push(made.dir);
    const [verifierKey] = made.verifierKeys as [string];
    const server = await startWitnessServer(made.dir, { port: 0 });
    const cases: FixtureCase[] = [];
    try {
      let old = 0;
      for (const size of [1, 2, 3, 7, 8, 100, 257]) {
        log.grow(size - log.size);
        const answer = await post(server.url, log.request(old));
        expect(answer.status, answer.text).toBe(200);
        const note = `${log.checkpoint(size)}${answer.text}`;
        cases.push({ description: `witness cosignature at size ${size}`, verifierKey, note, valid: true });
        old = size;
      }
    } finally {
      await server.close();
    }
    const first = cases[0] as FixtureCase;
    cases.push(
      {
        ...first,
        description: 'size edited after cosigning',
        note: first.note.replace('\n1\n', '\n2\n'),
        valid: false,
      },
      {
        ...first,
        description: 'signature line edited',
        note: first.note.replace(
          /(witness\.example\/go-fixture \S{20})(\S)/,
          (_, head: string, char: string) => `${head}${char === 'A' ? 'B' : 'A'}`,
        ),
        valid: false,
      },
    );
    const dir = await mkdtemp(path.join(tmpdir(), 'verity-witness-fixture-'));
    cleanup.push(dir);
    const file = path.join(dir, 'fixture.json');
    await writeFile(file, JSON.stringify({ cases }));
    const { stdout } = await run(
      'go',
      [
        'test',
        '-count=1',
        '-v',
        '-run',
        'TestWitnessFixture|TestTypeScriptCosignatures|TestGoCosignatureVector|TestKeyIDDerivation',
        '.',
      ],
      { cwd: GO_VERIFY_DIR, env: { ...offlineGoEnv(), VERITY_WITNESS_FIXTURE: file }, timeout: 300_000 },
    );
    expect(stdout).toContain('--- PASS: TestWitnessFixture');
    expect(stdout).toContain(`${cases.length} cases, ${cases.length - 2} valid`);
    expect(stdout).toContain('--- PASS: TestGoCosignatureVector');
    expect(stdout).toMatch(/^ok\s/m);
  });
});
