/**
 * The demo witnesses as `npm start` runs them: three real `verity witness serve` processes on
 * free loopback ports, cosigning a real signed checkpoint of a test log; their keys and state
 * kept across a restart; a killed one started again; nothing left running or listening after
 * stop; a taken port, a damaged folder and a changed log key each handled with a clear message.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { checkCosignatures } from '@/lib/tlog';
import { post, TestLog } from '@/lib/witness/witness.testing';
import {
  DEMO_INSTITUTIONS,
  type DemoWitnesses,
  demoWitnessesWanted,
  demoWitnessPid,
  startDemoWitnesses,
} from './demo-witnesses';

const folders: string[] = [];
afterAll(async () => {
  for (const f of folders) await rm(f, { recursive: true, force: true });
});

async function freshFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verity-demo-witnesses-'));
  folders.push(dir);
  return path.join(dir, 'witnesses');
}

/** Starts them and stops them when the test ends, whatever happens. */
async function start(options: Parameters<typeof startDemoWitnesses>[0]): Promise<DemoWitnesses> {
  const running = await startDemoWitnesses(options);
  onTestFinished(() => running.stop());
  return running;
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The cosigned checkpoint a witness's 200 answer makes, checked against its verifier key. */
function cosignedBy(log: TestLog, answer: string, verifierKey: string): boolean {
  return checkCosignatures(`${log.checkpoint()}${answer}`, { quorum: 1, witnesses: [verifierKey] }).satisfied;
}

describe('startDemoWitnesses', () => {
  it('runs three witnesses as processes on free ports that cosign the log, for the portal’s VERITY_WITNESSES', {
    timeout: 90_000,
  }, async () => {
    const log = new TestLog('verity.localhost/ledger').grow(5);
    const started = Date.now();
    const running = await start({ dir: await freshFolder(), logVerifierKey: log.verifierKey });
    console.log(`three demo witnesses ready in ${Date.now() - started} ms (folders created, keys generated)`);

    expect(running.witnesses.map((w) => [w.name, w.nameEn])).toEqual(DEMO_INSTITUTIONS.map((i) => [i.name, i.nameEn]));
    for (const w of running.witnesses) {
      expect(w.name).toMatch(/^示范/);
      expect(w.nameEn).toMatch(/^Demo /);
    }
    const pids = new Set(running.witnesses.map((w) => w.pid));
    expect(pids.size).toBe(3);
    expect(pids.has(process.pid)).toBe(false);
    expect(new Set(running.witnesses.map((w) => w.port)).size).toBe(3);

    // The environment the portal gets, in the format the three parts of issue #18 share.
    expect(running.env.VERITY_WITNESS_QUORUM).toBe('2');
    const config = JSON.parse(running.env.VERITY_WITNESSES) as Record<string, string>[];
    expect(config).toEqual(
      running.witnesses.map((w) => ({ name: w.name, nameEn: w.nameEn, verifierKey: w.verifierKey, url: w.url })),
    );
    for (const entry of config) {
      expect(Object.keys(entry).sort()).toEqual(['name', 'nameEn', 'url', 'verifierKey']);
      expect(entry.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(entry.verifierKey).toMatch(/^verity\.localhost\/demo-witness\/[a-z]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    }

    for (const w of running.witnesses) {
      const root = await fetch(`${w.url}/`);
      expect(root.status).toBe(404);
      expect(await root.text()).toMatch(/POST \/add-checkpoint/);
      const answer = await post(w.url, log.request(0));
      expect(answer.status, answer.text).toBe(200);
      expect(cosignedBy(log, answer.text, w.verifierKey)).toBe(true);
      // Another witness's key does not verify this one's cosignature.
      const other = running.witnesses.find((x) => x !== w);
      expect(cosignedBy(log, answer.text, other?.verifierKey ?? '')).toBe(false);
      // A checkpoint signed by a key the witness was not given is refused.
      const stranger = new TestLog('verity.localhost/ledger').grow(6);
      expect((await post(w.url, stranger.request(5))).status).toBe(403);
    }
    // Their output is in their own folders, not on this console.
    const served = await readFile(running.witnesses[0]?.logFile ?? '', 'utf8');
    expect(served).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
  });

  it('keeps each witness’s key and state across a restart, and stop leaves no process and no port', {
    timeout: 90_000,
  }, async () => {
    const dir = await freshFolder();
    const log = new TestLog('verity.localhost/ledger').grow(4);
    const first = await start({ dir, logVerifierKey: log.verifierKey });
    for (const w of first.witnesses) expect((await post(w.url, log.request(0))).status).toBe(200);
    const pids = first.witnesses.map((w) => w.pid);
    const ports = first.witnesses.map((w) => w.port);
    await first.stop();
    for (const pid of pids) expect(alive(pid)).toBe(false);
    for (const port of ports) expect(await portOpen(port)).toBe(false);
    for (const w of first.witnesses) expect(existsSync(path.join(w.dir, 'witness.lock'))).toBe(false);

    const started = Date.now();
    const second = await start({ dir, logVerifierKey: log.verifierKey });
    console.log(`three demo witnesses restarted in ${Date.now() - started} ms`);
    expect(second.witnesses.map((w) => w.verifierKey)).toEqual(first.witnesses.map((w) => w.verifierKey));
    // On the same ports: the policy the portal publishes does not change with a restart.
    expect(second.env).toEqual(first.env);
    log.grow(3);
    for (const w of second.witnesses) {
      // It remembers size 4: a request from 0 is told so, one from 4 with a proof is cosigned.
      const stale = await post(w.url, log.request(0));
      expect([stale.status, stale.text, stale.contentType]).toEqual([409, '4\n', 'text/x.tlog.size']);
      const next = await post(w.url, log.request(4));
      expect(next.status, next.text).toBe(200);
      expect(cosignedBy(log, next.text, w.verifierKey)).toBe(true);
    }
    await second.stop();

    // Last time's port taken by another program meanwhile: that witness takes another free port.
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(ports[1], '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
    const third = await start({ dir, logVerifierKey: log.verifierKey });
    expect(third.witnesses.map((w) => w.port === ports[third.witnesses.indexOf(w)])).toEqual([true, false, true]);
    expect((await post(third.witnesses[1]?.url ?? '', log.request(7))).status).toBe(200);
  });

  it('restarts a witness that was killed, on the same port, and says so', { timeout: 90_000 }, async () => {
    const errors: string[] = [];
    const log = new TestLog('verity.localhost/ledger').grow(2);
    const running = await start({
      dir: await freshFolder(),
      logVerifierKey: log.verifierKey,
      error: (line) => errors.push(line),
      restartDelayMs: 50,
    });
    const [victim] = running.witnesses;
    if (!victim) throw new Error('no witness');
    expect((await post(victim.url, log.request(0))).status).toBe(200);
    const oldPid = victim.pid;
    process.kill(oldPid as number, 'SIGKILL');
    await until(() => (victim.pid !== oldPid && alive(victim.pid) ? true : undefined), 'the restart');
    const answer = await until(async () => {
      const a = await post(victim.url, log.request(2)).catch(() => undefined);
      return a?.status === 200 ? a : undefined;
    }, 'the restarted witness to answer');
    expect(cosignedBy(log, answer.text, victim.verifierKey)).toBe(true);
    expect(victim.restarts).toBe(1);
    expect(errors.join('\n')).toMatch(
      /demo witness 示范公证处 \(Demo Notary Office\) exited unexpectedly \(signal SIGKILL\)/,
    );
    expect(errors.join('\n')).toMatch(/Restarting it \(1 of 5\)/);

    // One stopped on purpose (SIGTERM, as Ctrl-C or an operator would) is left stopped.
    const [, second] = running.witnesses;
    expect((await post(second?.url ?? '', log.request(0))).status).toBe(200);
    const pid = second?.pid as number;
    process.kill(pid, 'SIGTERM');
    await until(() => (alive(pid) ? undefined : true), 'the witness to stop');
    await new Promise((r) => setTimeout(r, 500));
    expect(second?.pid).toBe(pid);
    expect(await portOpen(second?.port ?? 0)).toBe(false);
    expect(await readFile(second?.logFile ?? '', 'utf8')).toMatch(/stopped \(exit 0\); not restarted/);
    // …until asked: start() brings it back on its port, with its state (size 2).
    await second?.start();
    expect(alive(second?.pid)).toBe(true);
    expect((await post(second?.url ?? '', log.request(0))).text).toBe('2\n');
  });

  it('gives up after the restarts allowed, with a message, when the port is taken meanwhile', {
    timeout: 90_000,
  }, async () => {
    const errors: string[] = [];
    const log = new TestLog('verity.localhost/ledger').grow(2);
    const running = await start({
      dir: await freshFolder(),
      logVerifierKey: log.verifierKey,
      error: (line) => errors.push(line),
      restartDelayMs: 300,
      maxRestarts: 2,
    });
    const victim = running.witnesses[2];
    if (!victim) throw new Error('no witness');
    const squatter = createServer();
    const pid = victim.pid as number;
    process.kill(pid, 'SIGKILL');
    // Its port is taken before the restart (after 300 ms, then loading code) can listen on it.
    await until(() => (alive(pid) ? undefined : true), 'the kill');
    await new Promise<void>((resolve) => squatter.listen(victim.port, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
    await until(() => (/Not restarted again after 2 restarts/.test(errors.join('\n')) ? true : undefined), 'giving up');
    expect(errors.join('\n')).toMatch(new RegExp(`Port ${victim.port} on 127\\.0\\.0\\.1 is used by another program`));
    expect(victim.restarts).toBe(2);
  });
});

describe('a paused witness (SIGSTOP, for tests of one that hangs)', () => {
  it('is found by its lock file, is not taken for dead, answers again on SIGCONT, and still stops', {
    timeout: 90_000,
  }, async () => {
    const dir = await freshFolder();
    const log = new TestLog('verity.localhost/ledger').grow(3);
    const running = await start({ dir, logVerifierKey: log.verifierKey });
    const notary = running.witnesses[0];
    const pid = await demoWitnessPid(dir, 'notary');
    expect(pid).toBe(notary?.pid);
    expect(await demoWitnessPid(dir, 'nobody')).toBeUndefined();
    process.kill(pid as number, 'SIGSTOP');
    const request = fetch(`${notary?.url}/add-checkpoint`, { method: 'POST', body: log.request(0) });
    await expect(
      fetch(`${notary?.url}/add-checkpoint`, {
        method: 'POST',
        body: log.request(0),
        signal: AbortSignal.timeout(1_000),
      }),
    ).rejects.toThrow();
    expect(notary?.restarts).toBe(0);
    process.kill(pid as number, 'SIGCONT');
    expect((await request).status).toBe(200);
    // Paused again, stop still ends it at once (SIGTERM then SIGCONT), not after the 5 s grace.
    process.kill(pid as number, 'SIGSTOP');
    const stopping = Date.now();
    await running.stop();
    expect(Date.now() - stopping).toBeLessThan(4_000);
    expect(alive(pid)).toBe(false);
  });
});

describe('startDemoWitnesses refuses, clearly and leaving nothing running', () => {
  it('a port another program uses', { timeout: 90_000 }, async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
    const port = (squatter.address() as { port: number }).port;
    const dir = await freshFolder();
    const log = new TestLog('verity.localhost/ledger');
    await expect(startDemoWitnesses({ dir, logVerifierKey: log.verifierKey, ports: [0, port, 0] })).rejects.toThrow(
      new RegExp(
        `The demo witness 示范司法鉴定中心 \\(Demo Forensic Appraisal Centre\\) did not start: .*Port ${port} on 127\\.0\\.0\\.1 is used by another program`,
      ),
    );
    // The two that started were stopped again (a witness's lock goes when it stops).
    for (const slug of ['notary', 'association']) expect(existsSync(path.join(dir, slug, 'witness.lock'))).toBe(false);
  });

  it('a damaged folder: a witness.json that is not JSON, keys without one, a key others may read', {
    timeout: 90_000,
  }, async () => {
    const log = new TestLog('verity.localhost/ledger');
    const dir = await freshFolder();
    await (await startDemoWitnesses({ dir, logVerifierKey: log.verifierKey })).stop();
    const keyBefore = await readFile(path.join(dir, 'forensics', 'keys', 'ed25519.key'), 'utf8');
    await writeFile(path.join(dir, 'forensics', 'witness.json'), '{"version":1,');
    await expect(startDemoWitnesses({ dir, logVerifierKey: log.verifierKey })).rejects.toThrow(
      /The demo witness folder .*forensics is damaged: .*witness\.json is not JSON\. Move the folder away/,
    );
    // Its key was not replaced.
    expect(await readFile(path.join(dir, 'forensics', 'keys', 'ed25519.key'), 'utf8')).toBe(keyBefore);
    for (const slug of ['notary', 'association']) expect(existsSync(path.join(dir, slug, 'witness.lock'))).toBe(false);

    await rm(path.join(dir, 'forensics', 'witness.json'));
    await expect(startDemoWitnesses({ dir, logVerifierKey: log.verifierKey })).rejects.toThrow(
      /forensics is damaged: it holds keys or state but no witness\.json/,
    );

    // Moved away, that one starts afresh; a key file others may read is refused (its witness's own check).
    await rm(path.join(dir, 'forensics'), { recursive: true });
    await chmod(path.join(dir, 'association', 'keys', 'ed25519.key'), 0o644);
    await expect(startDemoWitnesses({ dir, logVerifierKey: log.verifierKey })).rejects.toThrow(
      /association is damaged: .*ed25519\.key is readable by others/,
    );
    expect(existsSync(path.join(dir, 'forensics', 'witness.json'))).toBe(true);
  });
});

describe('a changed log key', () => {
  it('is a new log for the demo witnesses: the old key is no longer trusted, its record set aside', {
    timeout: 90_000,
  }, async () => {
    const dir = await freshFolder();
    const old = new TestLog('verity.localhost/ledger').grow(5);
    const first = await start({ dir, logVerifierKey: old.verifierKey });
    for (const w of first.witnesses) expect((await post(w.url, old.request(0))).status).toBe(200);
    await first.stop();

    // A new log under the default origin (its key file was lost): 2 entries, another history.
    const fresh = new TestLog('verity.localhost/ledger').grow(2);
    const lines: string[] = [];
    const second = await start({ dir, logVerifierKey: fresh.verifierKey, log: (l) => lines.push(l) });
    expect(lines.filter((l) => /The log's key changed: demo witness .* no longer witnesses/.test(l)).length).toBe(3);
    for (const w of second.witnesses) {
      const answer = await post(w.url, fresh.request(0));
      expect(answer.status, answer.text).toBe(200);
      expect((await post(w.url, old.request(5, 5))).status).toBe(403);
      const config = JSON.parse(await readFile(path.join(w.dir, 'witness.json'), 'utf8')) as { logs: unknown };
      expect(config.logs).toEqual([{ origin: 'verity.localhost/ledger', verifierKeys: [fresh.verifierKey] }]);
      expect((await readdir(path.join(w.dir, 'retired'))).length).toBe(1);
    }
    await second.stop();
    // The same key again: nothing changes, nothing is set aside.
    const again: string[] = [];
    await (await startDemoWitnesses({ dir, logVerifierKey: fresh.verifierKey, log: (l) => again.push(l) })).stop();
    expect(again).toEqual([]);
  });
});

describe('demoWitnessesWanted', () => {
  it('never with the court’s own witnesses; else VERITY_DEMO_WITNESSES; else with the demo data', () => {
    const want = (demoWitnesses: boolean | undefined, courtWitnesses: string | undefined, demo: boolean) =>
      demoWitnessesWanted({ demoWitnesses, courtWitnesses, demo }).run;
    expect(want(undefined, undefined, true)).toBe(true);
    expect(want(undefined, undefined, false)).toBe(false);
    expect(want(false, undefined, true)).toBe(false);
    expect(want(true, undefined, false)).toBe(true);
    expect(want(true, '[{"name":"某公证处"}]', true)).toBe(false);
    expect(want(undefined, '[]', true)).toBe(false); // "no witnesses" is the court's choice too
    expect(want(undefined, '', true)).toBe(true); // empty means unset, as everywhere in the configuration
    expect(demoWitnessesWanted({ demoWitnesses: undefined, courtWitnesses: '[]', demo: true }).why).toMatch(
      /VERITY_WITNESSES/,
    );
  });
});

describe('Ctrl-C', () => {
  it('to the starter’s process group (as a terminal sends it) stops every witness with it: nothing restarted, nothing left', {
    timeout: 90_000,
  }, async () => {
    const dir = await freshFolder();
    const log = new TestLog('verity.localhost/ledger');
    const ROOT = path.resolve(import.meta.dirname, '../..');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/lib/demo-witnesses.testing.ts', dir, log.verifierKey],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    onTestFinished(() => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // gone already
      }
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const line = await until(() => /^\[.*\]$/m.exec(out)?.[0], `the witnesses to start (${err})`, 60_000);
    const witnesses = JSON.parse(line) as { pid: number; port: number }[];
    expect(witnesses.length).toBe(3);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    process.kill(-(child.pid as number), 'SIGINT');
    expect(await exited).toBe(0);
    expect(out).toMatch(/Stopped\.\n$/);
    expect(err).toBe(''); // no witness reported as died, none restarted
    for (const w of witnesses) {
      expect(alive(w.pid)).toBe(false);
      expect(await portOpen(w.port)).toBe(false);
    }
    expect(() => process.kill(-(child.pid as number), 0)).toThrow(); // the whole group is gone
  });
});
