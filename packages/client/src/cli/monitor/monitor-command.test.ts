/**
 * `verity monitor` in process against a node:http fake log (fake-log.testing.ts): the first run
 * pins and reads everything, the next reads only new entries; each way a log can show two
 * histories is caught with exit 1 and an evidence file (another history with the same key, the
 * same size with another root, an altered hash tile or entry bundle, an entry that is not a
 * deposit statement, a wrong or changed log key, cosignatures below the pinned quorum); and what
 * is not a fork is not called one (a portal that is down or answers 503, an older checkpoint that
 * is a prefix, a damaged state file). The real portal: monitor-portal.test.ts.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { generateNoteKeys, parseCheckpoint, parseSignedNote } from '@/lib/tlog';
import { addLog, initWitness } from '@/lib/witness/witness-directory';
import { startWitnessServer } from '@/lib/witness/witness-server';
import type { CliDeps } from '../command';
import { nodeCliDeps } from '../main';
import { runVerityCli } from '../run-verity-cli';
import { FakeLog, fakeWitness, statementLeaves } from './fake-log.testing';
import type { MonitorEvidence } from './monitor-log';
import type { MonitorState } from './monitor-state';

const logs: FakeLog[] = [];
afterEach(async () => {
  for (const log of logs.splice(0)) await log.stop();
});

async function fakeLog(size: number): Promise<FakeLog> {
  const log = await new FakeLog().serve(statementLeaves(size)).start();
  logs.push(log);
  return log;
}

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'verity-monitor-'));
}

interface Run {
  exitCode: number;
  stdout: string[];
  stderr: string[];
  progress: string;
}

async function monitor(dir: string, ...argv: string[]): Promise<Run> {
  let progress = '';
  const deps: CliDeps = {
    ...nodeCliDeps(),
    cwd: dir,
    progress: { tty: false, write: (t) => (progress += t) },
    print: undefined,
    printError: undefined,
    untilStopped: undefined,
  };
  const result = await runVerityCli(['monitor', ...argv], deps);
  return { ...result, progress };
}

const stateOf = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as MonitorState;

async function evidenceOf(run: Run): Promise<MonitorEvidence> {
  const line = [...run.stderr, ...run.stdout].find((l) => l.includes('evidence'));
  const file = /(\/\S+\.alarm-\d{8}T\d{6}\.\d{3}Z(?:-\d+)?\.json)/.exec(line ?? '')?.[1];
  expect(file, run.stderr.join('\n')).toBeDefined();
  return JSON.parse(await readFile(file as string, 'utf8')) as MonitorEvidence;
}

describe('verity monitor: following a log', () => {
  it('first run: trusts and pins the key loudly, says the log is unwitnessed, reads every entry; the next run reads only new ones', async () => {
    const log = await fakeLog(300);
    const dir = await tempDir();
    const first = await monitor(dir, log.url, '--once');
    expect(first.exitCode, first.stderr.join('\n')).toBe(0);
    const warnings = first.stderr.join('\n');
    expect(warnings).toContain(`TRUSTING THE LOG KEY ON FIRST USE: ${log.keys.verifierKey}`);
    expect(warnings).toContain('THE LOG IS UNWITNESSED');
    expect(first.stdout).toContain('– witnesses: none (an unwitnessed log): no cosignature checked');
    expect(first.stdout).toContain(
      '✓ entries 0–299: 300 read through the tiles, each a deposit statement; the tiles give the signed root',
    );
    expect(first.stdout.at(-1)).toMatch(/^Verified up to 300 of 300 entries \(300 in .* entries\/s\)\. State: /);
    // The default state file: ./.verity-monitor/<host>-<hash>.json, 0600.
    const files = await readdir(path.join(dir, '.verity-monitor'));
    expect(files).toEqual([expect.stringMatching(/^127\.0\.0\.1_\d+-[0-9a-f]{12}\.json$/)]);
    const stateFile = path.join(dir, '.verity-monitor', files[0] as string);
    const state = await stateOf(stateFile);
    expect(state).toMatchObject({
      portal: log.url,
      origin: 'fake.verity.example/log',
      logKey: log.keys.verifierKey,
      logKeySource: 'first-use',
      witnessPolicy: null,
      checkpoint: { size: '300', note: log.note },
    });
    expect(log.bundlesRequested()).toEqual(['tile/entries/000', 'tile/entries/001.p/44']);

    log.grow(700); // 1000: bundles 1 (now full) … 3
    log.requested.length = 0;
    const second = await monitor(dir, log.url, '--once');
    expect(second.exitCode, second.stderr.join('\n')).toBe(0);
    expect(second.stderr).toEqual([]); // nothing is trusted anew
    expect(second.stdout).toContain('✓ consistent with the checkpoint of size 300 verified before');
    expect(second.stdout).toContain(
      '✓ entries 300–999: 700 read through the tiles, each a deposit statement; the tiles give the signed root',
    );
    expect(log.bundlesRequested()).toEqual(['tile/entries/001', 'tile/entries/002', 'tile/entries/003.p/232']);
    expect((await stateOf(stateFile)).checkpoint?.size).toBe('1000');

    const third = await monitor(dir, log.url, '--once', '--json');
    expect(third.exitCode).toBe(0);
    const json = JSON.parse(third.stdout[0] as string);
    expect(json).toMatchObject({
      result: 'verified',
      treeSize: '1000',
      from: '1000',
      entriesChecked: '0',
      witnessed: null,
    });
    expect(third.stdout).toHaveLength(1);
  });

  it('prints progress as plain lines off a terminal and redraws one line on a terminal', async () => {
    const log = await fakeLog(2000);
    const dir = await tempDir();
    let tty = '';
    const deps: CliDeps = { ...nodeCliDeps(), cwd: dir, progress: { tty: true, write: (t) => (tty += t) } };
    const run = await runVerityCli(['monitor', log.url, '--once'], deps);
    expect(run.exitCode).toBe(0);
    const ERASE = '\r\x1b[K';
    expect(tty.startsWith(ERASE)).toBe(true);
    expect(tty.split(ERASE).filter(Boolean)[0]).toMatch(/^verified up to \d+ of 2000 entries \(\d+ entries\/s\)$/);
    expect(tty.endsWith('\r\x1b[K')).toBe(true); // the line is cleared before the summary
  });

  it('pins the witness policy from GET /api/v1/log/witnesses and counts cosignatures by it', async () => {
    const a = fakeWitness('notary.example/w1');
    const b = fakeWitness('forensics.example/w1');
    const log = new FakeLog().witnessPolicy([a, b], 2);
    log.serve(statementLeaves(10));
    await log.start();
    logs.push(log);
    const dir = await tempDir();
    const first = await monitor(dir, log.url, '--once');
    expect(first.exitCode, first.stderr.join('\n')).toBe(0);
    expect(first.stderr.join('\n')).toContain(
      'TRUSTING THE WITNESS POLICY ON FIRST USE: 2 of 2: notary.example/w1, forensics.example/w1',
    );
    expect(first.stdout).toContain(
      '✓ witnesses: cosigned by 2 of 2 (quorum 2): notary.example/w1, forensics.example/w1',
    );
    // The portal now publishes another policy: reported, not adopted; still checked against the pin.
    const c = fakeWitness('court.example/w9');
    log.witnessPolicy([a, b, c], 2).grow(5);
    const second = await monitor(dir, log.url, '--once');
    expect(second.exitCode).toBe(0);
    expect(second.stderr.join('\n')).toMatch(
      /NOTE: the portal now publishes the witness policy 2 of 3: .*not the pinned 2 of 2/,
    );
    // One pinned witness stops cosigning: below the pinned quorum is an alarm.
    log.cosigners = [a, c];
    log.grow(5);
    const third = await monitor(dir, log.url, '--once');
    expect(third.exitCode).toBe(1);
    const evidence = await evidenceOf(third);
    expect(evidence.kind).toBe('below-quorum');
    expect(evidence.message).toMatch(
      /^1 of 2 pinned witnesses cosigned the checkpoint of size 20; the pinned policy needs 2/,
    );
    expect(evidence.cosignatures?.problems.map((p) => p.kind)).toEqual(['UNKNOWN_NAME']);
  });

  it('--witness-key and --quorum pin a policy of the monitor’s own; a witness cosigning with another key does not count', async () => {
    const a = fakeWitness('notary.example/w1');
    const impostor = fakeWitness('notary.example/w1'); // same name, another key
    const log = new FakeLog();
    log.cosigners = [impostor];
    log.serve(statementLeaves(3));
    await log.start();
    logs.push(log);
    const dir = await tempDir();
    const run = await monitor(
      dir,
      log.url,
      '--once',
      '--log-key',
      log.keys.verifierKey,
      '--witness-key',
      a.verifierKey,
      '--quorum',
      '1',
    );
    expect(run.exitCode).toBe(1);
    expect(run.stderr.join('\n')).not.toContain('FIRST USE'); // both pins were given
    const evidence = await evidenceOf(run);
    expect(evidence.kind).toBe('below-quorum');
    expect(evidence.cosignatures?.problems).toEqual([
      expect.objectContaining({ kind: 'WRONG_KEY', name: 'notary.example/w1' }),
    ]);
    // Nothing was pinned by a run that raised an alarm.
    expect((await readdir(path.join(dir, '.verity-monitor'))).filter((f) => !f.includes('.alarm-'))).toEqual([]);
  });
});

describe('verity monitor: a catch-up cut short', () => {
  it('saves how far it got and resumes there once the new checkpoint extends the one it was reading', async () => {
    const log = await fakeLog(2000);
    const dir = await tempDir();
    log.failing.add('tile/entries/005'); // the portal fails part-way through
    const cut = await monitor(dir, log.url, '--once', '--retries', '0', '--save-every', '0', '--concurrency', '1');
    expect(cut.exitCode).toBe(3);
    expect(cut.stderr.at(-1)).toBe('(entries up to 1280 were verified; the next run resumes there)');
    const file = path.join(dir, '.verity-monitor', (await readdir(path.join(dir, '.verity-monitor')))[0] as string);
    expect((await stateOf(file)).progress).toEqual({ note: log.note, entries: '1280' });
    expect((await stateOf(file)).checkpoint).toBeNull();

    log.failing.clear();
    log.grow(100);
    log.requested.length = 0;
    const resumed = await monitor(dir, log.url, '--once');
    expect(resumed.exitCode, resumed.stderr.join('\n')).toBe(0);
    expect(resumed.stderr).toContain(
      'resuming at entry 1280: the entries from 0 to 1279 were verified by a run cut short, in the tree of 2000, which this tree extends',
    );
    expect(resumed.stdout).toContain(
      '✓ entries 1280–2099: 820 read through the tiles, each a deposit statement; the tiles give the signed root',
    );
    expect(log.bundlesRequested()[0]).toBe('tile/entries/005');
    const state = await stateOf(file);
    expect(state.checkpoint?.size).toBe('2100');
    expect(state.progress).toBeUndefined();
  });

  it('a log that no longer extends the checkpoint a cut-short run was reading: an alarm with that checkpoint', async () => {
    const log = await fakeLog(1000);
    const dir = await tempDir();
    expect((await monitor(dir, log.url, '--once')).exitCode).toBe(0);
    log.grow(1000);
    const reading = log.note;
    log.failing.add('tile/entries/006');
    expect(
      (await monitor(dir, log.url, '--once', '--retries', '0', '--save-every', '0', '--concurrency', '1')).exitCode,
    ).toBe(3);
    log.failing.clear();
    // Another history from entry 1500 on, same key: consistent with 1000, not with the 2000 being read.
    log.serve([...log.leaves.slice(0, 1500), ...statementLeaves(600)]);
    const run = await monitor(dir, log.url, '--once');
    expect(run.exitCode).toBe(1);
    const evidence = await evidenceOf(run);
    expect(evidence.kind).toBe('inconsistent');
    expect(evidence.previousCheckpoint).toBe(reading);
    expect(evidence.message).toMatch(/tree of 2100 does not extend the tree of 2000 the last run was reading/);
  });
});

describe('verity monitor: real witnesses', () => {
  it('counts the cosignatures of real lib/witness servers by the pinned policy; below quorum when one is down', async () => {
    const log = await fakeLog(40);
    const witnesses: Array<{ url: string; size: number; key: string; close: () => Promise<void> }> = [];
    for (const name of ['notary.example/w1', 'forensics.example/w1']) {
      const dir = path.join(await tempDir(), 'w');
      const [key] = await initWitness(dir, { name, algorithms: ['ed25519'] });
      await addLog(dir, log.keys.verifierKey);
      const running = await startWitnessServer(dir, { port: 0 });
      witnesses.push({ url: running.url, size: 0, key: key as string, close: () => running.close() });
    }
    onTestFinished(async () => {
      for (const w of witnesses) await w.close().catch(() => {});
    });
    expect(await log.askWitnesses(witnesses)).toEqual([200, 200]);
    const dir = await tempDir();
    const pins = witnesses.flatMap((w) => ['--witness-key', w.key]);
    const first = await monitor(dir, log.url, '--once', '--log-key', log.keys.verifierKey, ...pins, '--quorum', '2');
    expect(first.exitCode, first.stderr.join('\n')).toBe(0);
    expect(first.stdout).toContain(
      '✓ witnesses: cosigned by 2 of 2 (quorum 2): notary.example/w1, forensics.example/w1',
    );

    // The witnesses cosign the next checkpoint from the size they last cosigned (a real proof).
    log.grow(300);
    expect(await log.askWitnesses(witnesses)).toEqual([200, 200]);
    expect((await monitor(dir, log.url, '--once')).exitCode).toBe(0);

    await witnesses[1]?.close();
    log.grow(10);
    await expect(log.askWitnesses(witnesses)).rejects.toThrow(); // the second is down
    expect(await log.askWitnesses(witnesses.slice(0, 1))).toEqual([200]);
    const below = await monitor(dir, log.url, '--once');
    expect(below.exitCode).toBe(1);
    const evidence = await evidenceOf(below);
    expect(evidence.kind).toBe('below-quorum');
    expect(evidence.cosignatures?.cosigned.map((c) => c.name)).toEqual(['notary.example/w1']);
  });
});

describe('verity monitor: forks and false alarms', () => {
  it('another history with the same key: exit 1, both checkpoints and the proof in the evidence, the state kept', async () => {
    const log = await fakeLog(300);
    const dir = await tempDir();
    const state = path.join(dir, 'state.json');
    expect((await monitor(dir, log.url, '--once', '--state', 'state.json')).exitCode).toBe(0);
    const before = log.note;
    log.serve([...statementLeaves(1), ...log.leaves.slice(1), ...statementLeaves(100)]); // entry 0 rewritten
    const run = await monitor(dir, log.url, '--once', '--state', 'state.json');
    expect(run.exitCode).toBe(1);
    expect(run.stderr[0]).toMatch(
      /^✗ ALARM \(inconsistent\): the log's tree of 400 does not extend the tree of 300 verified before/,
    );
    expect(run.stderr.join('\n')).toMatch(/ {2}evidence \(both checkpoints, the proof\): \//);
    const evidence = await evidenceOf(run);
    expect(evidence).toMatchObject({
      kind: 'inconsistent',
      previousCheckpoint: before,
      checkpoint: log.note,
      consistencyProof: { from: '300', to: '400' },
    });
    expect(evidence.consistencyProof?.hashes.length).toBeGreaterThan(0);
    expect((await stateOf(state)).checkpoint?.note).toBe(before);
    // Caught again on the next run: the alarm does not go away by itself.
    expect((await monitor(dir, log.url, '--once', '--state', 'state.json')).exitCode).toBe(1);
  });

  it('the same size with another root is a fork; an older checkpoint that is a prefix is not', async () => {
    const log = await fakeLog(600);
    const dir = await tempDir();
    const leaves = log.leaves;
    expect((await monitor(dir, log.url, '--once')).exitCode).toBe(0);
    log.staleCheckpoint(400); // a cache in front serves an old checkpoint; the tiles are current
    const older = await monitor(dir, log.url, '--once');
    expect(older.exitCode, older.stderr.join('\n')).toBe(0);
    expect(older.stderr.join('\n')).toMatch(
      /older than the 600 verified before; it is a prefix of that tree \(a stale copy, not a fork\)/,
    );
    log.staleCheckpoint(400, [...leaves.slice(0, 399), ...statementLeaves(1)]); // an old checkpoint of another history
    const forked = await monitor(dir, log.url, '--once');
    expect(forked.exitCode).toBe(1);
    expect((await evidenceOf(forked)).message).toMatch(
      /tree of 400 is not a prefix of the tree of 600 verified before/,
    );
    log.serve(leaves.slice(0, 400)); // rolled back: the tree of 600's tiles are gone, so it cannot be checked
    const rolledBack = await monitor(dir, log.url, '--once');
    expect(rolledBack.exitCode).toBe(0);
    expect(rolledBack.stderr.join('\n')).toMatch(
      /older than the 600 verified before; its consistency could not be checked \(.*tile\/0\/001 answered 404.*\); the state keeps size 600/,
    );
    const other = [...leaves.slice(0, 599), ...statementLeaves(1)];
    log.serve(other);
    const run = await monitor(dir, log.url, '--once');
    expect(run.exitCode).toBe(1);
    const evidence = await evidenceOf(run);
    expect(evidence.kind).toBe('inconsistent');
    expect(evidence.message).toMatch(/two different trees of size 600/);
    expect(parseCheckpoint(parseSignedNote(evidence.checkpoint).text).size).toBe(600n);
    // The two signed checkpoints are the proof, whatever tiles are served beside them.
    log.serve(leaves).staleCheckpoint(600, other);
    const withOldTiles = await monitor(dir, log.url, '--once');
    expect(withOldTiles.exitCode).toBe(1);
    expect((await evidenceOf(withOldTiles)).kind).toBe('inconsistent');
  });

  it('an altered hash tile or entry bundle: the tiles do not give the signed root, read twice, then the alarm names the tile', async () => {
    const log = await fakeLog(600);
    const dir = await tempDir();
    const hashTile = Uint8Array.from(log.tiles.serve('tile/0/001') as Uint8Array);
    hashTile[5] = (hashTile[5] as number) ^ 1;
    log.overrides.set('tile/0/001', hashTile);
    const run = await monitor(dir, log.url, '--once');
    expect(run.exitCode).toBe(1);
    expect(run.stderr.join('\n')).toMatch(/reading them again to be sure/);
    const evidence = await evidenceOf(run);
    expect(evidence).toMatchObject({ kind: 'tiles-do-not-give-root', tilePaths: ['tile/0/001'] });
    expect(log.requested.filter((p) => p === 'tile/0/001')).toHaveLength(2);

    log.overrides.clear();
    const bundle = log.tiles.serve('tile/entries/002.p/88') as Uint8Array;
    const leaf = log.leaves[599] as Uint8Array;
    const altered = Uint8Array.from(bundle);
    const at = altered.length - leaf.length + 30; // a digit of the time: still a statement, another leaf hash
    altered[at] = altered[at] === 0x30 ? 0x31 : 0x30;
    log.overrides.set('tile/entries/002.p/88', altered);
    const second = await monitor(dir, log.url, '--once');
    expect(second.exitCode).toBe(1);
    expect((await evidenceOf(second)).tilePaths).toEqual(['tile/entries/002.p/88', 'tile/0/002.p/88']);
    // Caught before anything was pinned as verified.
    expect(await readdir(path.join(dir, '.verity-monitor'))).toHaveLength(2); // two evidence files, no state
  });

  it('an entry that is not a deposit statement: exit 1 with its index, bundle and bytes', async () => {
    const leaves = statementLeaves(300);
    const junk = new TextEncoder().encode('{"hello":"world"}');
    leaves[257] = junk;
    const log = await new FakeLog().serve(leaves).start();
    logs.push(log);
    const run = await monitor(await tempDir(), log.url, '--once');
    expect(run.exitCode).toBe(1);
    const evidence = await evidenceOf(run);
    expect(evidence.kind).toBe('not-a-statement');
    expect(evidence.entry).toMatchObject({
      leafIndex: '257',
      tilePath: 'tile/entries/001.p/44',
      base64: Buffer.from(junk).toString('base64'),
    });
    expect(run.stderr.join('\n')).toContain('entry 257 in http://');
    expect(run.stderr.join('\n')).toMatch(/ {2}evidence \(the checkpoint, the entry\): \//);
  });

  it('a wrong key: a --log-key the log did not sign with, and a log that changes its key after it was pinned', async () => {
    const log = await fakeLog(5);
    const dir = await tempDir();
    const other = generateNoteKeys('fake.verity.example/log');
    const wrong = await monitor(dir, log.url, '--once', '--log-key', other.verifierKey, '--state', 'a.json');
    expect(wrong.exitCode).toBe(1);
    expect((await evidenceOf(wrong)).kind).toBe('bad-log-signature');

    const keyFile = path.join(dir, 'log.key');
    await writeFile(keyFile, `${log.keys.verifierKey}\n`);
    expect((await monitor(dir, log.url, '--once', '--log-key', keyFile, '--state', 'b.json')).exitCode).toBe(0);
    log.serve([...log.leaves, ...statementLeaves(2)], other.signerKey);
    const changed = await monitor(dir, log.url, '--once', '--state', 'b.json');
    expect(changed.exitCode).toBe(1);
    const evidence = await evidenceOf(changed);
    expect(evidence.kind).toBe('bad-log-signature');
    expect(evidence.message).toMatch(/not signed by the pinned log key/);
    // A different --log-key than the state pins is refused, not adopted.
    const conflict = await monitor(dir, log.url, '--once', '--state', 'b.json', '--log-key', other.verifierKey);
    expect(conflict.exitCode).toBe(2);
    expect(conflict.stderr[0]).toMatch(/pins another log key/);
  });

  it('a portal that is down or answers 503: retried, then exit 3 with no alarm and no state; a short outage is ridden out', async () => {
    const log = await fakeLog(20);
    const dir = await tempDir();
    log.failNext = 2;
    const flaky = await monitor(dir, log.url, '--once', '--retries', '3');
    expect(flaky.exitCode, flaky.stderr.join('\n')).toBe(0);
    expect(flaky.stderr.filter((l) => l.startsWith('network: '))).toEqual([
      expect.stringMatching(/answered 503; trying again in 500 ms \(1 of 3\)$/),
      expect.stringMatching(/answered 503; trying again in 1 s \(2 of 3\)$/),
    ]);

    log.grow(10);
    log.failNext = 100;
    const busy = await monitor(dir, log.url, '--once', '--retries', '1');
    expect(busy.exitCode).toBe(3);
    expect(busy.stderr.at(-1)).toMatch(
      /answered 503\. The portal could not be reached after 2 attempts; nothing was concluded about the log\.$/,
    );

    await log.stop();
    const down = await monitor(dir, log.url, '--once', '--retries', '1', '--json');
    expect(down.exitCode).toBe(3);
    expect(JSON.parse(down.stdout[0] as string)).toMatchObject({
      result: 'unavailable',
      message: expect.stringMatching(/ECONNREFUSED/),
    });
    const files = await readdir(path.join(dir, '.verity-monitor'));
    expect(files.some((f) => f.includes('.alarm-'))).toBe(false);
    expect((await stateOf(path.join(dir, '.verity-monitor', files[0] as string))).checkpoint?.size).toBe('20');

    const never = await monitor(await tempDir(), log.url, '--once', '--retries', '0');
    expect(never.exitCode).toBe(3);
    expect(never.stderr.join('\n')).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/log\/key failed: ECONNREFUSED/);
  });

  it('an answer that is not a checkpoint, one too large, or a malformed tile: exit 3, not a fork', async () => {
    const log = await fakeLog(300);
    const dir = await tempDir();
    log.overrides.set('checkpoint', new TextEncoder().encode('<html>maintenance</html>'));
    const page = await monitor(dir, log.url, '--once');
    expect(page.exitCode).toBe(3);
    expect(page.stderr.at(-1)).toMatch(/the portal's checkpoint is not a signed checkpoint/);
    log.overrides.set('checkpoint', new Uint8Array(2 * 1024 * 1024).fill(0x61)); // read no further than 1 MiB
    const huge = await monitor(dir, log.url, '--once');
    expect(huge.exitCode).toBe(3);
    expect(huge.stderr.at(-1)).toMatch(/checkpoint answered more than 1048576 bytes/);
    log.overrides.clear();
    log.overrides.set('tile/0/000', new Uint8Array(10));
    const short = await monitor(dir, log.url, '--once');
    expect(short.exitCode).toBe(3);
    expect(short.stderr.at(-1)).toMatch(/malformed tile: tile\/0\/000 must be 8192 bytes, got 10/);
  });

  it('a damaged or edited state file is refused (exit 2) and left as it is', async () => {
    const log = await fakeLog(10);
    const dir = await tempDir();
    const file = path.join(dir, 's.json');
    await writeFile(file, '{"format":');
    const damaged = await monitor(dir, log.url, '--once', '--state', file);
    expect(damaged.exitCode).toBe(2);
    expect(damaged.stderr[0]).toMatch(/s\.json is not JSON: the state file is damaged\. Move it aside/);
    expect(await readFile(file, 'utf8')).toBe('{"format":');

    await writeFile(file, '');
    expect((await monitor(dir, log.url, '--once', '--state', file)).exitCode).toBe(2);
    await import('node:fs/promises').then((fs) => fs.rm(file));
    expect((await monitor(dir, log.url, '--once', '--state', file)).exitCode).toBe(0);
    const state = await stateOf(file);
    await writeFile(file, JSON.stringify({ ...state, checkpoint: { ...state.checkpoint, size: '9' } }));
    const edited = await monitor(dir, log.url, '--once', '--state', file);
    expect(edited.exitCode).toBe(2);
    expect(edited.stderr[0]).toMatch(/checkpoint: size or root hash differ from the signed note/);
    await writeFile(file, JSON.stringify({ ...state, progress: { note: log.note, entries: '11' } }));
    expect((await monitor(dir, log.url, '--once', '--state', file)).stderr[0]).toMatch(
      /progress\.entries: not between the verified size and the size of the checkpoint being read/,
    );
    await writeFile(file, JSON.stringify({ ...state, logKey: 'x' }));
    expect((await monitor(dir, log.url, '--once', '--state', file)).stderr[0]).toMatch(
      /logKey: not a log verifier key/,
    );
  });

  it('answers bad arguments with exit 2', async () => {
    const dir = await tempDir();
    const cases: Array<[string[], RegExp]> = [
      [[], /name one portal URL/],
      [['ftp://x'], /not an http\(s\) URL/],
      [['http://x/?a=1'], /not an http\(s\) URL/],
      [['http://x', '--once', '--interval', '5'], /--interval is for follow mode/],
      [['http://x', '--interval', '0'], /--interval must be a whole number from 1/],
      [['http://x', '--once', '--quorum', '2'], /--quorum needs --witness-key/],
      [['http://x', '--once', '--witness-key', 'nope'], /--witness-key nope:/],
      [['http://x', '--once', '--log-key', 'nope'], /neither a log verifier key nor a file/],
      [['http://x', '--once', '--retries', '-1'], /--retries needs a value/],
      [['http://x', '--once', '--bogus'], /unknown option --bogus/],
    ];
    for (const [argv, message] of cases) {
      const run = await monitor(dir, ...argv);
      expect(run.exitCode, argv.join(' ')).toBe(2);
      expect(run.stderr[0], argv.join(' ')).toMatch(message);
    }
    const w = fakeWitness('w.example/1');
    const tooMany = await monitor(dir, 'http://x', '--once', '--witness-key', w.verifierKey, '--quorum', '2');
    expect(tooMany.exitCode).toBe(2);
    expect(tooMany.stderr[0]).toMatch(/quorum must be an integer from 0 to 1/);
  });
});

describe('verity monitor: follow mode', () => {
  it('checks again every interval, reads what was added, rides out an outage and stops on a signal', async () => {
    const log = await fakeLog(100);
    const dir = await tempDir();
    const printed: string[] = [];
    const errors: string[] = [];
    let stop: (signal: string) => void = () => {};
    const deps: CliDeps = {
      ...nodeCliDeps(),
      cwd: dir,
      progress: undefined,
      print: (line) => {
        printed.push(line);
        if (!line.startsWith('{')) return;
        const pass = JSON.parse(line) as { result: string; treeSize?: string };
        if (pass.treeSize === '100') log.grow(50);
        else if (pass.treeSize === '150')
          log.failNext = 1000; // the portal goes away for a while
        else if (pass.result === 'unavailable') {
          log.failNext = 0;
          log.grow(10);
        } else if (pass.treeSize === '160') stop('SIGTERM');
      },
      printError: (line) => errors.push(line),
      untilStopped: () => new Promise((resolve) => (stop = resolve)),
    };
    const run = await runVerityCli(['monitor', log.url, '--interval', '1', '--retries', '0', '--json'], deps);
    expect(run.exitCode, printed.join('\n')).toBe(0);
    const passes = printed
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { result: string; treeSize?: string; from?: string });
    expect(passes.map((p) => [p.result, p.treeSize, p.from])).toEqual([
      ['verified', '100', '0'],
      ['verified', '150', '100'],
      ['unavailable', undefined, undefined],
      ['verified', '160', '150'],
    ]);
    // Warnings go to stderr, so stdout stays JSON Lines.
    expect(errors.join('\n')).toContain('TRUSTING THE LOG KEY ON FIRST USE');
    expect(errors.at(-1)).toBe('verity monitor stopped (SIGTERM)');
    expect(printed.filter((l) => !l.startsWith('{'))).toEqual([]);
  }, 20_000);

  it('stops following at the first alarm with exit 1', async () => {
    const log = await fakeLog(100);
    const printed: string[] = [];
    const deps: CliDeps = {
      ...nodeCliDeps(),
      cwd: await tempDir(),
      progress: undefined,
      print: (line) => {
        printed.push(line);
        if (line.startsWith('Verified up to 100')) log.serve(statementLeaves(120));
      },
      printError: (line) => printed.push(line),
      untilStopped: () => new Promise(() => {}),
    };
    const run = await runVerityCli(['monitor', log.url, '--interval', '1'], deps);
    expect(run.exitCode).toBe(1);
    expect(printed.some((l) => l.startsWith('✗ ALARM (inconsistent)'))).toBe(true);
  }, 20_000);
});
