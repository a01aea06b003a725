/**
 * Runs `next build` when the build in `distDir` is missing or older than the sources, so
 * `npm start` after a `git pull` serves the new code and a plain restart starts at once.
 */
import { type SpawnOptions, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SOURCES = ['app', 'components', 'lib', 'messages', 'public', 'proxy.ts', 'next.config.ts', 'package-lock.json'];
const SKIP = new Set(['node_modules', 'generated']);

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (SKIP.has(entry)) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function buildIsStale(distDir: string): boolean {
  const buildId = path.join(ROOT, distDir, 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((s) => newestMtime(path.join(ROOT, s)) > built);
}

export function runNext(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { stdio?: SpawnOptions['stdio'] } = {},
): ReturnType<typeof spawn> {
  const bin = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
  return spawn(process.execPath, [bin, ...args], { cwd: ROOT, env, stdio: options.stdio ?? 'inherit' });
}

export function buildNext(distDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = runNext(['build'], { ...env, VERITY_DIST_DIR: distDir });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code})`))));
  });
}
