/**
 * The witness against the text of c2sp.org/tlog-witness, "add-checkpoint" (pinned: C2SP commit
 * 5ba5ee8, 2026-07-22), over real HTTP on a free port. Each `it` quotes or names the sentence it
 * checks. The trees are real (lib/tlog hashing, reference proofs), so are the signatures.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToBase64,
  checkCosignatures,
  emptyRoot,
  formatCheckpoint,
  generateNoteKeys,
  parseCosignerVerifierKey,
  parseSignedNote,
  signNote,
  verifyCheckpoint,
  verifyCosignature,
} from '@/lib/tlog';
import { EVENT_LOG_FILE, type WitnessEvent } from './event-log';
import { addCheckpointBody, makeWitnessDir, post, TestLog } from './witness.testing';
import { type RunningWitness, startWitnessServer, type WitnessServerOptions } from './witness-server';
import { originHash, WitnessStateStore } from './witness-state';

const running: RunningWitness[] = [];
afterEach(async () => {
  for (const w of running.splice(0)) await w.close();
});

async function serve(
  logs: TestLog[],
  options: WitnessServerOptions & { algorithms?: ('ed25519' | 'ml-dsa-44')[] } = {},
) {
  const made = await makeWitnessDir(logs, { algorithms: options.algorithms ?? ['ed25519'] });
  const witness = await startWitnessServer(made.dir, { port: 0, ...options });
  running.push(witness);
  return { ...witness, dir: made.dir };
}

/** The witness's recorded state for the log (undefined before its first cosignature). */
async function stateOf(dir: string, log: TestLog) {
  return new WitnessStateStore(dir).read(log.origin);
}

async function events(dir: string): Promise<WitnessEvent[]> {
  const text = await readFile(`${dir}/${EVENT_LOG_FILE}`, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as WitnessEvent);
}

function verifyAnswer(answer: string, log: TestLog, size: number, verifierKeys: string[]) {
  const note = `${log.checkpoint(size)}${answer}`;
  const check = checkCosignatures(note, { witnesses: verifierKeys, quorum: 1 }, { ignore: log.verifierKey });
  expect(check.problems).toEqual([]);
  expect(check.satisfied).toBe(true);
  return check;
}

describe('add-checkpoint: success', () => {
  it('first checkpoint with old 0 and no proof, then several sizes with real consistency proofs', async () => {
    const log = new TestLog('log.example/grow').grow(1);
    const w = await serve([log]);
    let old = 0;
    for (const size of [1, 2, 3, 7, 8, 100, 1000]) {
      log.grow(size - log.size);
      const answer = await post(w.url, log.request(old));
      expect(answer.status, answer.text).toBe(200);
      // "The response body MUST be a sequence of one or more note signature lines, each starting
      // with the — character (U+2014) and ending with a newline character (U+000A)."
      expect(answer.text).toMatch(/^(— \S+ [A-Za-z0-9+/=]+\n)+$/);
      const check = verifyAnswer(answer.text, log, size, w.verifierKeys);
      // "The cosignature MUST NOT omit the timestamp, i.e. the timestamp MUST NOT be zero."
      expect(check.cosigned[0]?.timestamp).toBeGreaterThan(0n);
      // "the witness MUST update its record of the latest cosigned checkpoint"
      const state = await stateOf(w.dir, log);
      expect(state?.size).toBe(BigInt(size));
      expect(bytesToBase64(state?.rootHash ?? new Uint8Array())).toBe(bytesToBase64(log.root(size)));
      old = size;
    }
  });

  it('answers the same size with the same root again (old size = checkpoint size, identical roots)', async () => {
    const log = new TestLog('log.example/same').grow(5);
    const w = await serve([log]);
    expect((await post(w.url, log.request(0))).status).toBe(200);
    const again = await post(w.url, log.request(5, 5));
    expect(again.status, again.text).toBe(200);
    verifyAnswer(again.text, log, 5, w.verifierKeys);
  });

  it('accepts a checkpoint of size 0 with the empty tree root, and more signatures than the log’s', async () => {
    const log = new TestLog('log.example/empty');
    const w = await serve([log]);
    const other = generateNoteKeys('someone.example');
    const note = signNote(log.body(0), [log.signerKey, other.signerKey]);
    expect(base64ToBytes(parseSignedNote(note).text.split('\n')[2] ?? '')).toEqual(emptyRoot());
    const answer = await post(w.url, addCheckpointBody(0, [], note));
    expect(answer.status, answer.text).toBe(200);
  });

  it('cosigns with ML-DSA-44 and Ed25519 when it has both keys, one line each', async () => {
    const log = new TestLog('log.example/pq').grow(9);
    const w = await serve([log], { algorithms: ['ed25519', 'ml-dsa-44'] });
    const answer = await post(w.url, log.request(0));
    expect(answer.status, answer.text).toBe(200);
    const lines = parseSignedNote(`${log.body()}\n${answer.text}`).signatures;
    expect(lines.length).toBe(2);
    for (const [i, key] of w.verifierKeys.entries()) {
      const line = lines[i];
      expect(line && verifyCosignature(parseCosignerVerifierKey(key), log.body(), line).timestamp).toBeGreaterThan(0n);
    }
  });

  it('serves the latest cosigned checkpoint at GET /<sha256(origin) hex>/checkpoint, 404 before', async () => {
    const log = new TestLog('log.example/monitor').grow(4);
    const w = await serve([log]);
    const url = `${w.url}/${originHash(log.origin)}/checkpoint`;
    expect((await fetch(url)).status).toBe(404);
    const answer = await post(w.url, log.request(0));
    const served = await fetch(url);
    expect(served.status).toBe(200);
    const note = await served.text();
    // It "MUST include the cosignature(s) from the witness's key(s) that were returned from
    // add-checkpoint and the cosignature from the log key(s) that the witness verified."
    expect(note).toBe(`${log.checkpoint()}${answer.text}`);
    expect(verifyCheckpoint(note, log.verifierKey).checkpoint.size).toBe(4n);
    expect((await fetch(`${w.url}/${'0'.repeat(64)}/checkpoint`)).status).toBe(404);
  });
});

describe('add-checkpoint: refusals, each with nothing stored', () => {
  it('404 for an unknown origin, even validly signed', async () => {
    const log = new TestLog('log.example/known').grow(2);
    const stranger = new TestLog('log.example/unknown').grow(2);
    const w = await serve([log]);
    const answer = await post(w.url, stranger.request(0));
    expect(answer.status).toBe(404);
    expect(answer.text).toContain('log.example/unknown');
    expect(await stateOf(w.dir, stranger)).toBeUndefined();
  });

  it('403 when no trusted key signed, or a trusted key’s signature fails', async () => {
    const log = new TestLog('log.example/sig').grow(3);
    const w = await serve([log]);
    // Signed by another key of the same name: an unknown key, ignored; none left.
    const impostor = generateNoteKeys(log.origin);
    expect((await post(w.url, log.request(0, 3, [], log.checkpoint(3, impostor.signerKey)))).status).toBe(403);
    // The trusted key's line, over another text: "such a note is malformed".
    const forged = log.checkpoint(3).replace(log.body(3), log.body(2).replace('\n2\n', '\n3\n'));
    expect((await post(w.url, addCheckpointBody(0, [], forged))).status).toBe(403);
    // A flipped signature byte.
    const note = log.checkpoint(3);
    const sig = note.slice(note.lastIndexOf(' ') + 1, -1);
    const bytes = base64ToBytes(sig);
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    const flipped = note.replace(sig, bytesToBase64(bytes));
    const answer = await post(w.url, addCheckpointBody(0, [], flipped));
    expect(answer.status).toBe(403);
    expect(answer.text).toMatch(/not validly signed/);
    expect(await stateOf(w.dir, log)).toBeUndefined();
  });

  it('400 when the old size is larger than the checkpoint size', async () => {
    const log = new TestLog('log.example/old').grow(3);
    const w = await serve([log]);
    expect((await post(w.url, log.request(0))).status).toBe(200);
    const answer = await post(w.url, addCheckpointBody(4, [], log.checkpoint(3)));
    expect(answer.status).toBe(400);
    expect((await stateOf(w.dir, log))?.size).toBe(3n);
  });

  it('409 with the latest size as text/x.tlog.size for a stale or a future old size', async () => {
    const log = new TestLog('log.example/conflict').grow(10);
    const w = await serve([log]);
    // Never cosigned: the latest size is 0.
    const first = await post(w.url, log.request(4, 10));
    expect(first.status).toBe(409);
    expect(first.contentType).toBe('text/x.tlog.size');
    expect(first.text).toBe('0\n');
    expect((await post(w.url, log.request(0, 10))).status).toBe(200);
    log.grow(10);
    for (const old of [4, 15]) {
      const answer = await post(w.url, log.request(old, 20));
      expect(answer.status).toBe(409);
      expect(answer.contentType).toBe('text/x.tlog.size');
      expect(answer.text).toBe('10\n');
    }
    // "If a client doesn't have information on the latest cosigned checkpoint, it MAY initially
    // make a request with a old size of zero to obtain it."
    const probe = await post(w.url, log.request(0, 20));
    expect([probe.status, probe.text]).toEqual([409, '10\n']);
    expect((await post(w.url, log.request(10, 20))).status).toBe(200);
  });

  it('422 for the same size with another root (and 409 first when the old size is stale)', async () => {
    const log = new TestLog('log.example/fork').grow(6);
    const w = await serve([log]);
    expect((await post(w.url, log.request(0))).status).toBe(200);
    const other = log.fork();
    other.leafHashes.pop();
    other.grow(1);
    // The spec (since C2SP #280): "If the old size matches the checkpoint size, the witness MUST
    // check that the root hashes are also identical. If they don't match, … 422".
    const same = await post(w.url, other.request(6, 6));
    expect(same.status).toBe(422);
    const stale = await post(w.url, other.request(3, 6));
    expect([stale.status, stale.text]).toEqual([409, '6\n']);
    expect(bytesToBase64((await stateOf(w.dir, log))?.rootHash ?? new Uint8Array())).toBe(bytesToBase64(log.root()));
    // The refusal keeps the evidence: both the note and the proof as sent.
    const refused = (await events(w.dir)).find((e) => e.status === 422);
    expect(refused?.note).toBe(other.checkpoint(6));
    expect(refused?.outcome).toBe('refused');
  });

  it('422 for a wrong, too long, too short or forked consistency proof', async () => {
    const log = new TestLog('log.example/proofs').grow(7);
    const w = await serve([log]);
    expect((await post(w.url, log.request(0))).status).toBe(200);
    log.grow(13);
    const proof = log.proof(7, 20);
    expect(proof.length).toBeGreaterThan(1);
    const flipped = proof.map((h, i) => (i === 1 ? h.map((b, j) => (j === 0 ? b ^ 1 : b)) : h));
    const cases = {
      wrong: flipped,
      'too long': [...proof, proof[0] as Uint8Array],
      'too short': proof.slice(0, -1),
      empty: [],
      reordered: [...proof].reverse(),
    };
    for (const [what, bad] of Object.entries(cases)) {
      const answer = await post(w.url, log.request(7, 20, bad));
      expect(answer.status, what).toBe(422);
    }
    // A history that differs before size 7: its own, correct proof does not join the cosigned root.
    const other = log.fork();
    other.leafHashes.splice(5);
    other.grow(15);
    expect((await post(w.url, other.request(7, 20))).status).toBe(422);
    expect((await stateOf(w.dir, log))?.size).toBe(7n);
    expect((await post(w.url, log.request(7, 20))).status).toBe(200);
  });

  it('422 for a proof with old size 0, for size 0 with another root, for a proof between equal sizes', async () => {
    const log = new TestLog('log.example/zero').grow(4);
    const w = await serve([log]);
    expect((await post(w.url, log.request(0, 4, [log.root(2)]))).status).toBe(422);
    const badEmpty = signNote(formatCheckpoint({ origin: log.origin, size: 0, rootHash: log.root(1) }), log.signerKey);
    expect((await post(w.url, addCheckpointBody(0, [], badEmpty))).status).toBe(422);
    expect(await stateOf(w.dir, log)).toBeUndefined();
    expect((await post(w.url, log.request(0))).status).toBe(200);
    expect((await post(w.url, log.request(4, 4, [log.root(4)]))).status).toBe(422);
  });

  it('400 for malformed bodies, field by field', async () => {
    const log = new TestLog('log.example/malformed').grow(5);
    const w = await serve([log]);
    expect((await post(w.url, log.request(0, 2))).status).toBe(200);
    const note = log.checkpoint(5);
    const proof = log
      .proof(2, 5)
      .map((h) => `${bytesToBase64(h)}\n`)
      .join('');
    const hash = bytesToBase64(log.root(1));
    const malformed: Record<string, string | Uint8Array> = {
      empty: '',
      'no old line': `\n${note}`,
      'old without newline': 'old 2',
      'old with leading zero': `old 02\n${proof}\n${note}`,
      'old negative': `old -2\n${proof}\n${note}`,
      'old not a number': `old two\n${proof}\n${note}`,
      'old in capitals': `OLD 2\n${proof}\n${note}`,
      'two spaces': `old  2\n${proof}\n${note}`,
      'trailing space': `old 2 \n${proof}\n${note}`,
      'old beyond 2^64-1': `old 18446744073709551616\n\n${note}`,
      'CRLF lines': `old 2\r\n${proof.replaceAll('\n', '\r\n')}\r\n${note}`,
      'no empty line': `old 2\n${proof}${note}`,
      'proof line not base64': `old 2\n${hash.slice(0, -2)}!!\n\n${note}`,
      'proof line not canonical': `old 2\n${hash.slice(0, -2)}B=\n\n${note}`,
      'proof line of 31 bytes': `old 2\n${bytesToBase64(log.root(1).slice(0, 31))}\n\n${note}`,
      'proof line of 33 bytes': `old 2\n${bytesToBase64(new Uint8Array(33))}\n\n${note}`,
      '64 proof lines': `old 2\n${`${hash}\n`.repeat(64)}\n${note}`,
      'no checkpoint': `old 2\n${proof}\n`,
      'checkpoint without signatures': `old 2\n${proof}\n${log.body(5)}`,
      'checkpoint with a bad size line': `old 2\n${proof}\n${signNote(log.body(5).replace('\n5\n', '\n05\n'), log.signerKey)}`,
      'checkpoint with a short root': `old 2\n${proof}\n${signNote(`${log.origin}\n5\nAAAA\n`, log.signerKey)}`,
      'invalid UTF-8': new Uint8Array([...new TextEncoder().encode('old 2\n\n'), 0xff, 0xfe, 0x0a]),
      'a NUL in the note': `old 2\n${proof}\n${note.replace(log.origin, `${log.origin}\0`)}`,
    };
    for (const [what, body] of Object.entries(malformed)) {
      const answer = await post(w.url, body);
      expect(answer.status, `${what}: ${answer.text}`).toBe(400);
      expect(answer.text.length, what).toBeGreaterThan(5);
    }
    expect((await stateOf(w.dir, log))?.size).toBe(2n);
    // 63 lines is allowed by the parser: the proof is then simply wrong (422), not malformed.
    expect((await post(w.url, `old 2\n${`${hash}\n`.repeat(63)}\n${note}`)).status).toBe(422);
    expect((await post(w.url, log.request(2, 5))).status).toBe(200);
  });

  it('413 for an oversized body, 405 for another method, 404 for another path', async () => {
    const log = new TestLog('log.example/http').grow(2);
    const w = await serve([log], { maxBodyBytes: 4096 });
    const huge = `${log.request(0)}${'x'.repeat(5000)}`;
    expect((await post(w.url, huge)).status).toBe(413);
    expect((await fetch(`${w.url}/add-checkpoint`)).status).toBe(405);
    expect((await fetch(`${w.url}/add-checkpoint`)).headers.get('allow')).toBe('POST');
    expect((await post(w.url, log.request(0), '/add-checkpoint/')).status).toBe(404);
    expect((await post(w.url, log.request(0), '/sign-subtree')).status).toBe(404);
    expect(await stateOf(w.dir, log)).toBeUndefined();
    expect((await post(w.url, log.request(0))).status).toBe(200);
  });

  it('429 with Retry-After for a flood on one log; other logs are not affected', async () => {
    const log = new TestLog('log.example/flood').grow(2);
    const quiet = new TestLog('log.example/quiet').grow(2);
    const w = await serve([log, quiet], { rateLimit: { rate: 0.5, burst: 3 } });
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(w.url, log.request(0))));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 429).length).toBe(5);
    expect(statuses.filter((s) => s !== 429).length).toBe(3);
    const limited = answers.find((a) => a.status === 429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await post(w.url, quiet.request(0))).status).toBe(200);
  });

  it('forged requests do not use up a log’s allowance; a flood from one address is limited first', async () => {
    const log = new TestLog('log.example/forged').grow(2);
    const w = await serve([log], { rateLimit: { rate: 0.5, burst: 2 }, addressRateLimit: { rate: 0.5, burst: 30 } });
    const forged = log.request(0, 2, [], log.checkpoint(2, generateNoteKeys(log.origin).signerKey));
    for (let i = 0; i < 10; i++) expect((await post(w.url, forged)).status).toBe(403);
    expect((await post(w.url, log.request(0))).status).toBe(200);
    const rest = await Promise.all(Array.from({ length: 25 }, () => post(w.url, 'garbage')));
    expect(rest.filter((a) => a.status === 429).length).toBe(6);
    expect(rest.filter((a) => a.status === 400).length).toBe(19);
  });
});

describe('add-checkpoint: atomic check and update', () => {
  it('serialises concurrent requests for one log: no rollback, exactly one winner per old size', async () => {
    const log = new TestLog('log.example/race').grow(64);
    const w = await serve([log], { rateLimit: { rate: 1000, burst: 1000 } });
    // The spec's race: requests for N and N+K against the same old size, all at once.
    const sizes = [5, 9, 17, 33, 64, 40, 12, 3];
    const answers = await Promise.all(sizes.map((size) => post(w.url, log.request(0, size))));
    const winners = answers.flatMap((a, i) => (a.status === 200 ? [sizes[i]] : []));
    expect(winners.length).toBe(1);
    for (const a of answers) if (a.status !== 200) expect(a.status).toBe(409);
    expect((await stateOf(w.dir, log))?.size).toBe(BigInt(winners[0] ?? -1));
  });

  it('keeps its state across a restart and refuses a second server on the directory', async () => {
    const log = new TestLog('log.example/restart').grow(8);
    const w = await serve([log]);
    expect((await post(w.url, log.request(0))).status).toBe(200);
    await expect(startWitnessServer(w.dir, { port: 0 })).rejects.toThrow(/another witness/);
    await running.pop()?.close();
    const again = await startWitnessServer(w.dir, { port: 0 });
    running.push(again);
    expect((await post(again.url, log.request(0))).text).toBe('8\n');
    log.grow(2);
    expect((await post(again.url, log.request(8))).status).toBe(200);
  });

  it('never takes a damaged state file for "no state": 500, nothing cosigned', async () => {
    const log = new TestLog('log.example/damaged').grow(4);
    const w = await serve([log]);
    expect((await post(w.url, log.request(0))).status).toBe(200);
    await running.pop()?.close();
    const store = new WitnessStateStore(w.dir);
    await writeFile(store.fileOf(log.origin), '{"version":1,"origin":');
    await writeFile(`${store.fileOf(log.origin)}.tmp-leftover`, 'half a write');
    const again = await startWitnessServer(w.dir, { port: 0 });
    running.push(again);
    const other = log.fork();
    other.leafHashes.splice(1);
    other.grow(5);
    for (const body of [other.request(0), log.request(0), log.request(4, 4)]) {
      const answer = await post(again.url, body);
      expect(answer.status).toBe(500);
      expect(answer.text).not.toMatch(/^—/m);
    }
    // The leftover temporary file of a crashed write was removed at start.
    await expect(readFile(`${store.fileOf(log.origin)}.tmp-leftover`)).rejects.toThrow();
  });

  it('records what it cosigned and refused, bounded by rotation', async () => {
    const log = new TestLog('log.example/record').grow(3);
    const w = await serve([log], { eventLogBytes: 4000 });
    expect((await post(w.url, log.request(0))).status).toBe(200);
    expect((await post(w.url, log.request(1))).status).toBe(409);
    await w.events.flush();
    const recorded = await events(w.dir);
    expect(recorded.map((e) => [e.outcome, e.status, e.origin])).toEqual([
      ['cosigned', 200, log.origin],
      ['refused', 409, log.origin],
    ]);
    for (let i = 0; i < 40; i++) await post(w.url, log.request(1));
    await w.events.flush();
    const size = (await readFile(`${w.dir}/${EVENT_LOG_FILE}`)).length;
    const rotated = (await readFile(`${w.dir}/${EVENT_LOG_FILE}.1`)).length;
    expect(size).toBeLessThanOrEqual(4000);
    expect(rotated).toBeLessThanOrEqual(4000);
  });
});
