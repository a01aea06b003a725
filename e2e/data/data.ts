/**
 * Data a spec makes for itself, so that it depends neither on the shared demo data nor on what
 * other specs create: random identities, made by e2e/data/make-data.ts through the portal's
 * domain functions, in the environment of the e2e server (scripts/e2e-server.ts writes it to
 * E2E_STATE_FILE, which playwright.config.ts names). Each Playwright worker forks make-data.ts once
 * and sends it every request (loading the portal's modules took seconds of CPU per process); a call
 * with an environment of its own runs in a process of its own. Calls still take a moment (argon2
 * for new accounts): make data once per spec file, in beforeAll.
 */
import { type ChildProcess, execFile, fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

export type LongDataPerson = MadeUser;

export interface LongData {
  caseId: string;
  caseNumber: string;
  exhibitId: string;
  depositId: string;
  certificateId: string;
  certificateNumber: string;
  /** The check code printed on that certificate. */
  certificateCheckCode: string;
  fileName: string;
  title: string;
  digests: { sha256: string; sm3: string };
  orgName: string;
  depositor: LongDataPerson;
  plaintiff: LongDataPerson;
  defendant: LongDataPerson;
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The e2e server's environment (database, keys), as it wrote it when it started. */
export async function e2eServerEnv(file = process.env.E2E_STATE_FILE): Promise<Record<string, string>> {
  if (!file) throw new Error('E2E_STATE_FILE is not set (playwright.config.ts sets it for the e2e server)');
  return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
}

export interface MadeUser {
  email: string;
  name: string;
  password: string;
}

export interface CaseLikeDemo {
  caseId: string;
  caseNumber: string;
  /** The demo case's exhibits, in the seed's order, submitted to this case. */
  exhibits: Array<{ id: string; title: string; file: string; verdict: string }>;
}

async function make<T>(args: string[], env?: Record<string, string>): Promise<T> {
  if (!env) return (await dataServer()).ask(args) as Promise<T>;
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [tsx, '--conditions=react-server', MAKE_DATA, ...args],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', ...env }, maxBuffer: 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T;
}

const MAKE_DATA = path.join('e2e', 'data', 'make-data.ts');

interface DataServer {
  ask(args: string[]): Promise<unknown>;
}

let server: Promise<DataServer> | undefined;

/** This worker's make-data.ts process, forked on first use in the e2e server's environment. */
function dataServer(): Promise<DataServer> {
  server ??= (async () => {
    const child: ChildProcess = fork(MAKE_DATA, [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx', '--conditions=react-server'],
      env: { ...process.env, NODE_ENV: 'production', ...(await e2eServerEnv()) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const pending = new Map<number, { resolve: (data: unknown) => void; reject: (error: Error) => void }>();
    let next = 1;
    // Idle, the process must not keep the worker alive; asked, it must.
    const idle = () => {
      if (pending.size === 0) {
        child.unref();
        child.channel?.unref();
      }
    };
    child.on('message', (message: { id: number; data?: unknown; error?: string }) => {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) waiting?.reject(new Error(`make-data: ${message.error}`));
      else waiting?.resolve(message.data);
      idle();
    });
    child.on('exit', (code) => {
      server = undefined;
      for (const waiting of pending.values()) waiting.reject(new Error(`make-data exited (${code})`));
      pending.clear();
    });
    idle();
    return {
      ask: (args) =>
        new Promise((resolve, reject) => {
          const id = next++;
          pending.set(id, { resolve, reject });
          child.ref();
          child.channel?.ref();
          child.send({ id, args });
        }),
    };
  })();
  return server;
}

/** Issue #17: a depositor organisation with many titled deposits, and another organisation's depositor. */
export interface DepositHistoryData {
  orgName: string;
  depositor: MadeUser;
  other: MadeUser;
  deposits: Array<{ id: string; title: string; sha256: string; sm3: string }>;
}

/** `count` deposits of a new organisation, newest last (see make-data.ts `deposit-history`). */
export function createDepositHistory(count: number): Promise<DepositHistoryData> {
  return make(['deposit-history', String(count)]);
}

/** A case full of long real-world text (see make-data.ts `long-case`). */
export function createLongData(env?: Record<string, string>): Promise<LongData> {
  return make(['long-case'], env);
}

/** An account of one's own: a litigant, unless another role is asked for. */
export function createUser(role?: 'litigant' | 'judge' | 'clerk'): Promise<MadeUser> {
  return make(role ? ['user', role] : ['user']);
}

/** The link of the newest password-reset e-mail queued to `email` (null when none was). */
export async function resetLinkMailedTo(email: string): Promise<string | null> {
  return (await make<{ link: string | null }>(['reset-link', email])).link;
}

/** Issue #17: a case for the evidence exchange (see make-data.ts `exchange-case`). */
export interface ExchangeCase {
  caseId: string;
  caseNumber: string;
  /** The plaintiff's exhibit (objected to) and the defendant's (counter-evidence). */
  exhibitId: string;
  exhibitTitle: string;
  counterExhibitId: string;
  counterExhibitTitle: string;
  plaintiff: MadeUser;
  defendant: MadeUser;
}

/** A case with one exhibit of each side; `filled`: with a whole exchange of long text, late. */
export function createExchangeCase(options: { filled?: boolean } = {}): Promise<ExchangeCase> {
  return make(['exchange-case', ...(options.filled ? ['filled'] : [])]);
}

/** A case like demo case `index`: its people and (unless `exhibits: false`) its exhibits, under a new number. */
export function createCaseLikeDemo(index: 0 | 1, options: { exhibits?: boolean } = {}): Promise<CaseLikeDemo> {
  return make(['case', String(index), ...(options.exhibits === false ? ['empty'] : [])]);
}

/** The demo clerk issues the exhibit's certificate: its ID, number and the check code on its PDF. */
export function issueCertificateFor(exhibitId: string): Promise<{ id: string; number: string; checkCode: string }> {
  return make(['certificate', exhibitId]);
}

/** Forgets the wrong certificate lookups counted so far (all e2e requests come from one address). */
export function clearCertificateLookupLimit(): Promise<{ cleared: number }> {
  return make(['clear-lookup-limit']);
}

/**
 * Issue #18: a real witness shown two histories of the e2e server's log; the log's cosigner stores
 * the alarm (make-data.ts `witness-alarm`). It stays: every later view of /ledger shows an alarm.
 */
export function createWitnessAlarm(): Promise<{ witnessName: string; alarm: string; treeSize: string }> {
  return make(['witness-alarm']);
}

/** Issue #19: a second anchor contract on the demo chain holding another root for `treeSize` (make-data.ts `rogue-anchor`). */
export function createRogueAnchor(
  treeSize: number,
): Promise<{ contract: string; transactionHash: string; blockNumber: number; blockHash: string }> {
  return make(['rogue-anchor', String(treeSize)]);
}

/** Issue #21: a case with one file exhibit stored under `fileName` (make-data.ts `named-file`). */
export interface NamedFileCase {
  caseId: string;
  exhibitId: string;
  fileName: string;
}

export async function makeNamedFileCase(fileName: string): Promise<NamedFileCase> {
  return make<NamedFileCase>(['named-file', fileName]);
}

/** Issue #21: the actions of a case's custody log, oldest first. */
export async function custodyActions(caseId: string): Promise<string[]> {
  return (await make<{ actions: string[] }>(['custody-events', caseId])).actions;
}
