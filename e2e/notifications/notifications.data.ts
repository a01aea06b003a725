/** Runs make-notifications.ts in the e2e server's environment (see e2e/data/data.ts). */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { e2eServerEnv } from '../data/data';
import type { NotificationsData } from './make-notifications';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export async function createNotificationsData(count: number): Promise<NotificationsData> {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [tsx, '--conditions=react-server', path.join('e2e', 'notifications', 'make-notifications.ts'), String(count)],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', ...(await e2eServerEnv()) }, maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as NotificationsData;
}
