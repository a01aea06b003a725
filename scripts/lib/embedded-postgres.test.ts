/**
 * Stopping the embedded PostgreSQL when it has already stopped: Ctrl-C in a terminal reaches
 * PostgreSQL too (same process group), and `npm start` must still finish its shutdown in order.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedPostgresExitHook, leaveSignalsToCaller, startEmbeddedDatabase } from './embedded-postgres';
import { freePort } from './free-port';

/** The server's process ID, from the first line of its postmaster.pid. */
async function postmasterPid(dataDir: string): Promise<number> {
  return Number((await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startEmbeddedDatabase', () => {
  const folders: string[] = [];
  afterAll(async () => {
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });

  it('stop() returns when PostgreSQL was already stopped by a Ctrl-C of its own', { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-pg-stop-'));
    folders.push(dataDir);
    const db = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: 'verity_stop_test' });
    const pid = await postmasterPid(dataDir);
    expect(alive(pid)).toBe(true);

    process.kill(pid, 'SIGINT'); // what a terminal's Ctrl-C sends to the whole process group
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(pid)).toBe(false);

    const outcome = await Promise.race([
      db.stop().then(() => 'stopped'),
      new Promise((r) => setTimeout(() => r('still waiting after 5 s'), 5000)),
    ]);
    expect(outcome).toBe('stopped');
    await db.stop(); // and again, harmlessly
  });

  it("leaves Ctrl-C and SIGTERM to the caller, removing only embedded-postgres's own handlers", () => {
    const hook = embeddedPostgresExitHook();
    expect(hook.hookedEvents()).toEqual(expect.arrayContaining(['SIGINT', 'SIGTERM']));
    const mine = () => {};
    process.on('SIGINT', mine);
    const before = process.listeners('SIGINT').length;
    try {
      leaveSignalsToCaller();
      expect(hook.hookedEvents()).not.toContain('SIGINT');
      expect(hook.hookedEvents()).not.toContain('SIGTERM');
      expect(process.listeners('SIGINT')).toContain(mine);
      expect(process.listeners('SIGINT')).toHaveLength(before - 1);
    } finally {
      process.off('SIGINT', mine);
    }
  });

  it('stop() stops a running PostgreSQL', { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'verity-pg-stop-'));
    folders.push(dataDir);
    const db = await startEmbeddedDatabase({ dataDir, port: await freePort(), database: 'verity_stop_test' });
    const pid = await postmasterPid(dataDir);
    await db.stop();
    expect(alive(pid)).toBe(false);
  });
});
