/** Runs make-picker-data.ts in the e2e server's environment (see e2e/data/data.ts). */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { e2eServerEnv } from '../data/data';
import type { CertificatesData, KeysData, PeopleData } from './make-picker-data';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

async function make<T>(command: 'people' | 'certificates' | 'keys'): Promise<T> {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [tsx, '--conditions=react-server', path.join('e2e', 'lists', 'make-picker-data.ts'), command],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', ...(await e2eServerEnv()) }, maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T;
}

export const createPeopleData = () => make<PeopleData>('people');
export const createCertificatesData = () => make<CertificatesData>('certificates');
export const createKeysData = () => make<KeysData>('keys');

export type { CertificatesData, KeysData, PeopleData };
