/** Runs make-admin-data.ts in the e2e server's environment (see e2e/data/data.ts). */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { e2eServerEnv } from '../data/data';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

async function make<T>(args: string[]): Promise<T> {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [tsx, '--conditions=react-server', path.join('e2e', 'admin', 'make-admin-data.ts'), ...args],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', ...(await e2eServerEnv()) }, maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T;
}

export interface CourtAdmin {
  courtId: string;
  courtCode: string;
  email: string;
  name: string;
  password: string;
  tag: string;
}

export const makeCourtAdmin = () => make<CourtAdmin>(['court-admin']);
export const makeSetupToken = async () => (await make<{ token: string }>(['setup-token'])).token;
export const invitationLink = async (address: string) => (await make<{ link: string }>(['mail-link', address])).link;

export interface Docket {
  caseId: string;
  clerkEmail: string;
  password: string;
  litigantEmail: string;
  litigantName: string;
  tag: string;
}

export const makeDocket = () => make<Docket>(['docket']);
