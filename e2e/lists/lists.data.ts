/** Runs make-lists-data.ts in the e2e server's environment (see e2e/data/data.ts). */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext } from '@playwright/test';
import { e2eServerEnv } from '../data/data';
import { signInOverHttp } from '../fixtures';
import type { CustodyData, DocketData, ExhibitsData, ListsPerson } from './make-lists-data';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

async function make<T>(command: 'custody' | 'exhibits' | 'docket'): Promise<T> {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [tsx, '--conditions=react-server', path.join('e2e', 'lists', 'make-lists-data.ts'), command],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', ...(await e2eServerEnv()) }, maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T;
}

export const createCustodyData = () => make<CustodyData>('custody');
export const createDocketData = () => make<DocketData>('docket');
export const createExhibitsData = () => make<ExhibitsData>('exhibits');

/** A browser context signed in as `who`, in `locale`, with `viewport`. */
export async function contextAs(
  browser: Browser,
  who: ListsPerson | { email: string; password?: string },
  locale: 'zh-CN' | 'en' = 'zh-CN',
  viewport = { width: 1280, height: 900 },
  baseURL = '',
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, baseURL });
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL }]);
  await signInOverHttp(context.request, who.email, who.password);
  return context;
}

export type { CustodyData, DocketData, ExhibitsData, ListsPerson };
