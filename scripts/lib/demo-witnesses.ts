/**
 * The demo witnesses of the embedded default (issue #18): three C2SP witnesses, each the real
 * `verity witness serve` (packages/client/src/cli/witness, lib/witness) in a process of its own, with its own
 * keys and state in `<folder>/<slug>/` (demo-witness-folder.ts), named as clearly fictitious
 * institutions ("示范" / "Demo" in every name), on free loopback ports, with quorum 2. The portal
 * is told about them through VERITY_WITNESSES and VERITY_WITNESS_QUORUM, exactly as a court
 * configures real witnesses. `npm start` and the e2e server run them (prepare-runtime.ts), the
 * test cluster when asked (test/cluster). They show how witnessing works; on one machine, under
 * the portal operator's control, they vouch for nothing.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { prepareDemoWitnessFolder } from './demo-witness-folder';
import { WitnessProcess } from './witness-process';

export interface DemoInstitution {
  /** The folder's name under the witnesses folder. */
  slug: string;
  /** As people read it (VERITY_WITNESSES `name`). */
  name: string;
  nameEn: string;
  /** The witness's key name (its cosignature lines say it). */
  keyName: string;
}

export const DEMO_INSTITUTIONS: readonly DemoInstitution[] = [
  { slug: 'notary', name: '示范公证处', nameEn: 'Demo Notary Office', keyName: 'verity.localhost/demo-witness/notary' },
  {
    slug: 'forensics',
    name: '示范司法鉴定中心',
    nameEn: 'Demo Forensic Appraisal Centre',
    keyName: 'verity.localhost/demo-witness/forensics',
  },
  {
    slug: 'association',
    name: '示范行业协会',
    nameEn: 'Demo Industry Association',
    keyName: 'verity.localhost/demo-witness/association',
  },
];

export const DEMO_WITNESS_QUORUM = 2;

/** One entry of VERITY_WITNESSES (the format the three parts of issue #18 share). */
export interface WitnessConfigEntry {
  name: string;
  nameEn?: string;
  verifierKey: string;
  url: string;
}

export interface DemoWitness extends WitnessConfigEntry {
  slug: string;
  nameEn: string;
  port: number;
  /** The witness's folder (keys, state, its record of what it cosigned) and its output. */
  dir: string;
  logFile: string;
  readonly pid: number | undefined;
  /** Restarts after it died, in a row. */
  readonly restarts: number;
  /** Stops this witness, which is then not restarted (tests: a witness that is down). */
  stop(): Promise<void>;
  /** Starts it again on the same port and waits until it answers. */
  start(): Promise<void>;
}

export interface DemoWitnesses {
  witnesses: DemoWitness[];
  quorum: number;
  /** How long they took to be ready, all three (folders, processes, first answer), in ms. */
  readyInMs: number;
  /** For the portal's processes. */
  env: { VERITY_WITNESSES: string; VERITY_WITNESS_QUORUM: string };
  /** Stops every witness (SIGTERM, then SIGKILL after 5 s) and waits until each has exited. */
  stop(): Promise<void>;
}

export interface DemoWitnessesOptions {
  /** The folder holding one folder per witness (`npm start`: `<data folder>/witnesses`). */
  dir: string;
  /** The log they witness: its verifier key `<origin>+<hex>+<base64>`. */
  logVerifierKey: string;
  /** Progress lines (a changed log key); errors (a witness that died) go to `error`. */
  log?: (line: string) => void;
  error?: (line: string) => void;
  /**
   * One port per witness. Default: the port each had last time (`<slug>/port`), so the witnesses'
   * URLs — and the policy the portal publishes — stay the same across restarts; if that port is
   * taken now, or on the first start, a free port the OS chooses.
   */
  ports?: readonly number[];
  /** Restarts in a row of a witness that dies before giving up (default 5). */
  maxRestarts?: number;
  /** Delay before the first restart, doubled each time (default 250 ms). */
  restartDelayMs?: number;
}

/** Whether to run demo witnesses: not when the court names its own, else as asked, else in demo mode. */
export function demoWitnessesWanted(options: {
  /** VERITY_DEMO_WITNESSES, parsed. */
  demoWitnesses: boolean | undefined;
  /** VERITY_WITNESSES as set in the environment (any value, `[]` too, is the court's choice). */
  courtWitnesses: string | undefined;
  /** Whether the portal runs with the demo data (VERITY_DEMO, by default on with the embedded database). */
  demo: boolean;
}): { run: boolean; why: string } {
  if (options.courtWitnesses !== undefined && options.courtWitnesses !== '')
    return { run: false, why: 'the court configured its own witnesses (VERITY_WITNESSES)' };
  if (options.demoWitnesses === false) return { run: false, why: 'VERITY_DEMO_WITNESSES=false' };
  if (options.demoWitnesses === true) return { run: true, why: 'VERITY_DEMO_WITNESSES=true' };
  return options.demo
    ? { run: true, why: 'the demo data is on' }
    : { run: false, why: 'no demo data (a court’s own portal); VERITY_DEMO_WITNESSES=true runs them anyway' };
}

export async function startDemoWitnesses(options: DemoWitnessesOptions): Promise<DemoWitnesses> {
  const startedAt = Date.now();
  const root = path.resolve(options.dir);
  await mkdir(root, { recursive: true, mode: 0o700 });
  const error = options.error ?? ((line: string) => console.error(line));
  const processes: WitnessProcess[] = [];
  const stopAll = () => Promise.all(processes.map((p) => p.close())).then(() => undefined);
  try {
    // allSettled: on a failure, the others have finished starting before they are all stopped.
    const settled = await Promise.allSettled(
      DEMO_INSTITUTIONS.map(async (institution, i): Promise<DemoWitness> => {
        const dir = path.join(root, institution.slug);
        const folder = await prepareDemoWitnessFolder(dir, {
          keyName: institution.keyName,
          logVerifierKey: options.logVerifierKey,
        });
        for (const origin of folder.retired) {
          options.log?.(
            `The log's key changed: demo witness ${institution.nameEn} no longer witnesses the log under its old key (${origin}); it witnesses the new one from its start.`,
          );
        }
        const logFile = path.join(dir, 'serve.log');
        const portFile = path.join(dir, 'port');
        const remembered = options.ports ? undefined : await readPort(portFile);
        const child = new WitnessProcess({
          label: `demo witness ${institution.name} (${institution.nameEn})`,
          dir,
          logFile,
          port: options.ports?.[i] ?? remembered ?? 0,
          error,
          maxRestarts: options.maxRestarts ?? 5,
          restartDelayMs: options.restartDelayMs ?? 250,
        });
        processes.push(child);
        try {
          await child.start();
        } catch (error) {
          if (remembered === undefined || !/used by another program/.test((error as Error).message)) throw error;
          child.port = 0; // last time's port is taken now: any free one
          await child.start();
        }
        await writeFile(portFile, `${child.port}\n`);
        return {
          slug: institution.slug,
          name: institution.name,
          nameEn: institution.nameEn,
          verifierKey: folder.verifierKey,
          url: child.url,
          port: child.port,
          dir,
          logFile,
          get pid() {
            return child.pid;
          },
          get restarts() {
            return child.restarts;
          },
          stop: () => child.stop(),
          start: () => child.start(),
        };
      }),
    );
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const witnesses = settled.map((s) => (s as PromiseFulfilledResult<DemoWitness>).value);
    const config: WitnessConfigEntry[] = witnesses.map(({ name, nameEn, verifierKey, url }) => ({
      name,
      nameEn,
      verifierKey,
      url,
    }));
    return {
      witnesses,
      quorum: DEMO_WITNESS_QUORUM,
      readyInMs: Date.now() - startedAt,
      env: { VERITY_WITNESSES: JSON.stringify(config), VERITY_WITNESS_QUORUM: String(DEMO_WITNESS_QUORUM) },
      stop: stopAll,
    };
  } catch (cause) {
    await stopAll();
    throw cause;
  }
}

/**
 * The pid of the process serving the demo witness `slug` in `dir` now (its lock file), or
 * undefined: for tests in another process than the one that started it (an e2e spec pauses a
 * witness with SIGSTOP and resumes it with SIGCONT; a SIGKILLed one is restarted, a SIGTERMed one
 * stays stopped).
 */
export async function demoWitnessPid(dir: string, slug: string): Promise<number | undefined> {
  const text = await readFile(path.join(dir, slug, 'witness.lock'), 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

async function readPort(file: string): Promise<number | undefined> {
  const port = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  return Number.isInteger(port) && port >= 1024 && port <= 65535 ? port : undefined;
}
