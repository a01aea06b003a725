/**
 * `verity monitor <portal URL>`: follows a portal's evidence ledger through its checkpoint and
 * tiles (monitor-log.ts), with its pins and newest verified checkpoint in a state file
 * (monitor-state-file.ts), and raises an alarm — exit 1 and an evidence file — when the log shows
 * two histories. `--once` catches up and exits; otherwise it checks again every `--interval`
 * seconds until stopped. See packages/client/src/cli/README.md.
 *
 * @module
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bytesToBase64, isTlogError, parseCosignerVerifierKey, parseVerifierKey } from '@/lib/tlog';
import { type CliDeps, type CommandResult, printed, usageError, type VerityCommand } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { type OptionSpecs, parseCommandLine } from '../parse-command-line';
import { type MonitorEvidence, monitorPass, type PassResult } from './monitor-log';
import { type MonitorState, MonitorStateError } from './monitor-state';
import { defaultStateFile, readStateFile, writeEvidenceFile, writeStateFile } from './monitor-state-file';
import { describePolicy, resolveTrust, TrustConflictError } from './monitor-trust';
import { nodeMerkleHasher } from './node-merkle-hasher';
import { DEFAULT_RETRY, PortalAnswerError, PortalClient, PortalUnavailableError, portalBase } from './portal-client';

const DEFAULT_INTERVAL = 60;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_SAVE_EVERY = 10;
/** Plain progress lines (not a terminal): at most one this often. */
const PLAIN_PROGRESS_MS = 5_000;
const TTY_PROGRESS_MS = 100;

export const MONITOR_USAGE = `Usage: npx verity monitor <portal URL> [options]

Follows a portal's evidence ledger (存证链) as an outside monitor: reads the signed checkpoint
(GET <portal>/api/v1/log/checkpoint) and every tile (C2SP tlog-tiles under /api/v1/log/),
recomputes the tree, checks the log's signature against a pinned key and the witnesses'
cosignatures against a pinned policy, proves each new checkpoint extends the one it verified
before, and checks that every entry is a deposit statement. A log that shows two histories
is caught: exit 1 and the evidence in a file.

Options:
  --once                 catch up once and exit (default: keep following)
  --interval <seconds>   follow mode: check again this often (default ${DEFAULT_INTERVAL})
  --state <file>         the state file (default ./.verity-monitor/<host>-<hash of the URL>.json):
                         the pinned keys and the newest checkpoint verified; the next run reads
                         only the entries after it
  --log-key <key|file>   the log's verifier key "<origin>+<hex>+<base64>" (or a file with it).
                         Without it the first run takes GET /api/v1/log/key and pins it —
                         trust on first use, said loudly
  --witness-key <key>    a witness's verifier key (repeat for each witness); pins this policy.
                         Without it the first run pins GET /api/v1/log/witnesses (404 or no
                         witnesses: the log is unwitnessed, and it says so)
  --quorum <k>           how many of the --witness-key witnesses must cosign (default: all)
  --json                 one JSON object per check on stdout (JSON Lines when following)
  --concurrency <n>      tiles fetched at once (default ${DEFAULT_CONCURRENCY})
  --retries <n>          retries of a failed request, waiting 0.5 s, 1 s, 2 s … (default ${DEFAULT_RETRY.retries})
  --save-every <seconds> while catching up, save how far it got this often (default ${DEFAULT_SAVE_EVERY}); a run
                         cut short (Ctrl-C, the portal gone) resumes there
  -h, --help             this help

Exit status: 0 every check passed (follow mode: stopped by Ctrl-C/SIGTERM), 1 ALARM — the log
showed two histories, its tiles do not give its signed root, an entry is not a deposit
statement, a bad log signature, or too few pinned witnesses cosigned; the evidence file is
named — 2 usage error (bad arguments, a damaged state file, a pin that differs from the state),
3 the portal could not be reached or answered wrongly after the retries (no alarm: nothing was
concluded about the log).`;

const OPTIONS = {
  once: { type: 'boolean' },
  interval: { type: 'string' },
  state: { type: 'string' },
  'log-key': { type: 'string' },
  'witness-key': { type: 'string', multiple: true },
  quorum: { type: 'string' },
  json: { type: 'boolean' },
  concurrency: { type: 'string' },
  retries: { type: 'string' },
  'save-every': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

function integer(text: string | undefined, what: string, min: number, max: number, fallback: number): number | string {
  if (text === undefined) return fallback;
  if (!/^[0-9]+$/.test(text) || Number(text) < min || Number(text) > max) {
    return `${what} must be a whole number from ${min} to ${max}`;
  }
  return Number(text);
}

async function readKeyArgument(text: string, deps: CliDeps): Promise<string | undefined> {
  try {
    parseVerifierKey(text);
    return text;
  } catch {
    try {
      const fromFile = new TextDecoder().decode(await deps.readFile(text)).trim();
      parseVerifierKey(fromFile);
      return fromFile;
    } catch {
      return undefined;
    }
  }
}

interface Output {
  line(text: string): void;
  warn(text: string): void;
  result(exitCode: ExitCode): CommandResult;
}

/** Once: lines gathered into the result. Following: printed as they come (stdout and stderr). */
function output(deps: CliDeps, follow: boolean): Output {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const print = follow ? deps.print : undefined;
  const printError = follow ? (deps.printError ?? deps.print) : undefined;
  return {
    line: (text) => (print ? print(text) : stdout.push(text)),
    warn: (text) => (printError ? printError(text) : stderr.push(text)),
    result: (exitCode) => ({ exitCode, stdout, stderr }),
  };
}

function progressReporter(deps: CliDeps) {
  const sink = deps.progress;
  let started = 0;
  let lastShown = 0;
  let shown = false;
  return {
    start() {
      started = performance.now();
      lastShown = started;
    },
    update(verified: bigint, size: bigint, from: bigint) {
      if (!sink) return;
      const now = performance.now();
      const done = verified === size;
      if (!done && now - lastShown < (sink.tty ? TTY_PROGRESS_MS : PLAIN_PROGRESS_MS)) return;
      lastShown = now;
      const rate = rateOf(verified - from, now - started);
      const text = `verified up to ${verified} of ${size} entries (${rate} entries/s)`;
      if (sink.tty) {
        sink.write(`\r\x1b[K${text}`);
        shown = true;
      } else if (!done) sink.write(`${text}\n`);
    },
    end() {
      if (sink?.tty && shown) sink.write('\r\x1b[K');
      shown = false;
    },
  };
}

function rateOf(entries: bigint, ms: number): number {
  return ms <= 0 ? 0 : Math.round(Number(entries) / (ms / 1000));
}

interface RunContext {
  deps: CliDeps;
  out: Output;
  json: boolean;
  stateFile: string;
  client: PortalClient;
  concurrency: number;
  /** While catching up, how often to save how far it got (ms). */
  saveEveryMs: number;
}

/** One check; the exit code it ends with, or undefined to go on following. */
async function checkOnce(
  ctx: RunContext,
  state: MonitorState,
  pinnedNow: boolean,
): Promise<{ code: ExitCode | undefined; state: MonitorState }> {
  const { out, client } = ctx;
  const progress = progressReporter(ctx.deps);
  const t0 = performance.now();
  // The state as last written: with `progress` saved now and then while catching up.
  let latest = state;
  let lastSave = performance.now();
  const onVerified = async (note: string, verifiedUpTo: bigint) => {
    if (performance.now() - lastSave < ctx.saveEveryMs) return;
    latest = { ...latest, progress: { note, entries: verifiedUpTo.toString() } };
    await writeStateFile(ctx.stateFile, latest);
    lastSave = performance.now();
  };
  const runPass = () => {
    progress.start();
    return monitorPass({
      client,
      state,
      hasher: nodeMerkleHasher,
      concurrency: ctx.concurrency,
      onProgress: (v, s, f) => progress.update(v, s, f),
      onVerified,
    }).finally(() => progress.end());
  };
  let result: PassResult;
  try {
    result = await runPass();
    // Tiles that do not hash right could be a corrupting cache or proxy: read everything again
    // once before calling it a fork.
    if (result.outcome === 'alarm' && result.evidence.kind === 'tiles-do-not-give-root') {
      out.warn(`the tiles did not give the signed root (${result.evidence.message}); reading them again to be sure…`);
      result = await runPass();
    }
  } catch (error) {
    if (error instanceof PortalUnavailableError || error instanceof PortalAnswerError) {
      if (ctx.json) out.line(JSON.stringify({ result: 'unavailable', portal: client.base, message: error.message }));
      else out.warn(`verity monitor: ${error.message}`);
      if (latest.progress)
        out.warn(`(entries up to ${latest.progress.entries} were verified; the next run resumes there)`);
      return { code: EXIT.UNREACHABLE, state: latest };
    }
    throw error;
  }
  const seconds = (performance.now() - t0) / 1000;

  if (result.outcome === 'alarm') {
    const file = await writeEvidenceFile(ctx.stateFile, result.evidence, new Date());
    reportAlarm(ctx, result.evidence, file);
    return { code: EXIT.FAILED, state: latest };
  }
  for (const notice of result.notices) out.warn(notice);
  if (result.outcome === 'older') {
    if (ctx.json) {
      out.line(
        JSON.stringify({
          result: 'older',
          portal: client.base,
          origin: state.origin,
          treeSize: result.checkpoint.size.toString(),
          verifiedSize: state.checkpoint?.size,
          notices: result.notices,
        }),
      );
    }
    return { code: undefined, state: latest };
  }
  const { checkpoint, previousSize, from, entries, cosignatures } = result;
  const advanced =
    latest.progress !== undefined ||
    state.checkpoint === null ||
    BigInt(state.checkpoint.size) !== checkpoint.size ||
    checkpoint.note !== state.checkpoint.note;
  const next: MonitorState = advanced
    ? {
        ...state,
        progress: undefined,
        checkpoint: {
          note: checkpoint.note,
          size: checkpoint.size.toString(),
          rootHash: bytesToBase64(checkpoint.rootHash),
          verifiedAt: new Date().toISOString(),
        },
      }
    : state;
  if (advanced || pinnedNow) await writeStateFile(ctx.stateFile, next);

  const witnessed = cosignatures
    ? {
        quorum: cosignatures.quorum,
        witnesses: cosignatures.witnesses,
        cosigned: cosignatures.cosigned.map((c) => witnessName(state, c.name)),
      }
    : null;
  if (ctx.json) {
    out.line(
      JSON.stringify({
        result: 'verified',
        portal: client.base,
        origin: state.origin,
        treeSize: checkpoint.size.toString(),
        rootHash: bytesToBase64(checkpoint.rootHash),
        from: from.toString(),
        entriesChecked: entries.toString(),
        seconds: Math.round(seconds * 1000) / 1000,
        entriesPerSecond: rateOf(entries, seconds * 1000),
        logKey: { key: state.logKey, pinned: state.logKeySource },
        witnessed,
        requests: client.requests,
        retried: client.retried,
        stateFile: ctx.stateFile,
      }),
    );
    return { code: undefined, state: next };
  }
  out.line(`✓ log signature: ${state.logKey} (${state.logKeySource === 'given' ? 'given' : 'pinned on first use'})`);
  out.line(
    witnessed
      ? `✓ witnesses: cosigned by ${witnessed.cosigned.length} of ${witnessed.witnesses} (quorum ${witnessed.quorum}): ${witnessed.cosigned.join(', ')}`
      : '– witnesses: none (an unwitnessed log): no cosignature checked',
  );
  if (previousSize !== undefined && previousSize > 0n) {
    out.line(`✓ consistent with the checkpoint of size ${previousSize} verified before`);
  }
  out.line(
    entries > 0n
      ? `✓ entries ${from}–${checkpoint.size - 1n}: ${entries} read through the tiles, each a deposit statement; the tiles give the signed root`
      : `✓ no new entries; the tiles give the signed root`,
  );
  out.line(
    `Verified up to ${checkpoint.size} of ${checkpoint.size} entries (${entries} in ${seconds.toFixed(1)} s, ${rateOf(entries, seconds * 1000)} entries/s). State: ${ctx.stateFile}`,
  );
  return { code: undefined, state: next };
}

function witnessName(state: MonitorState, keyName: string): string {
  const pinned = state.witnessPolicy?.witnesses.find((w) => parseCosignerVerifierKey(w.verifierKey).name === keyName);
  return pinned?.name ?? keyName;
}

function reportAlarm(ctx: RunContext, evidence: MonitorEvidence, file: string): void {
  if (ctx.json) {
    ctx.out.line(
      JSON.stringify({
        result: 'alarm',
        portal: evidence.portal,
        origin: evidence.origin,
        kind: evidence.kind,
        message: evidence.message,
        evidenceFile: file,
      }),
    );
    return;
  }
  ctx.out.warn(`✗ ALARM (${evidence.kind}): ${evidence.message}`);
  if (evidence.tilePaths) ctx.out.warn(`  tiles: ${evidence.tilePaths.map((p) => ctx.client.logPrefix + p).join(' ')}`);
  if (evidence.entry)
    ctx.out.warn(`  entry ${evidence.entry.leafIndex} in ${ctx.client.logPrefix}${evidence.entry.tilePath}`);
  const held = [
    evidence.previousCheckpoint ? 'both checkpoints' : 'the checkpoint',
    ...(evidence.consistencyProof ? ['the proof'] : []),
    ...(evidence.tilePaths ? ['the tile paths'] : []),
    ...(evidence.entry ? ['the entry'] : []),
  ];
  ctx.out.warn(`  evidence (${held.join(', ')}): ${file}`);
  ctx.out.warn('  Keep this file: it is signed proof of what the log showed. Tell the court and the witnesses.');
}

function sleepOrStop(seconds: number, stopped: Promise<unknown>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), seconds * 1000);
    }),
    stopped.then(() => true),
  ]).finally(() => clearTimeout(timer));
}

export const MONITOR: VerityCommand = {
  name: 'monitor',
  synopsis: '<portal URL>',
  summary: 'follow a portal’s evidence ledger and raise an alarm if it shows two histories',
  usage: MONITOR_USAGE,
  async run(argv, deps): Promise<CommandResult> {
    const parsed = parseCommandLine(argv, OPTIONS);
    if (!parsed.ok) return usageError('monitor', parsed.message);
    const { values, positionals } = parsed;
    if (values.help) return printed(MONITOR_USAGE);
    if (positionals.length !== 1)
      return usageError('monitor', 'name one portal URL, e.g. https://verity.court.example');
    const base = portalBase(positionals[0] as string);
    if (!base) return usageError('monitor', `${positionals[0]} is not an http(s) URL without query or fragment`);
    const follow = !values.once;
    if (values.once && values.interval !== undefined)
      return usageError('monitor', '--interval is for follow mode, not --once');
    const interval = integer(values.interval, '--interval', 1, 86_400, DEFAULT_INTERVAL);
    const concurrency = integer(values.concurrency, '--concurrency', 1, 64, DEFAULT_CONCURRENCY);
    const retries = integer(values.retries, '--retries', 0, 20, DEFAULT_RETRY.retries);
    const quorum = integer(values.quorum, '--quorum', 1, 100, 0);
    const saveEvery = integer(values['save-every'], '--save-every', 0, 3600, DEFAULT_SAVE_EVERY);
    for (const v of [interval, concurrency, retries, quorum, saveEvery])
      if (typeof v === 'string') return usageError('monitor', v);
    const witnessKeys = values['witness-key'] ?? [];
    for (const key of witnessKeys) {
      try {
        parseCosignerVerifierKey(key);
      } catch (error) {
        return usageError('monitor', `--witness-key ${key}: ${(error as Error).message}`);
      }
    }
    if (values.quorum !== undefined && witnessKeys.length === 0)
      return usageError('monitor', '--quorum needs --witness-key');
    let logKey: string | undefined;
    if (values['log-key'] !== undefined) {
      logKey = await readKeyArgument(values['log-key'], deps);
      if (!logKey)
        return usageError(
          'monitor',
          `--log-key ${values['log-key']} is neither a log verifier key nor a file holding one`,
        );
    }
    if (follow && !deps.untilStopped)
      return usageError('monitor', 'follow mode runs only from the command line; use --once');
    const cwd = deps.cwd ?? '.';
    const stateFile = values.state === undefined ? defaultStateFile(base, cwd) : path.resolve(cwd, values.state);

    const out = output(deps, follow);
    const stop = new AbortController();
    const stopped =
      follow && deps.untilStopped
        ? deps.untilStopped().then((signal) => stop.abort(signal))
        : new Promise<never>(() => {});
    const client = new PortalClient(
      base,
      deps.fetch,
      { ...DEFAULT_RETRY, retries: retries as number },
      stop.signal,
      (message) => out.warn(`network: ${message}`),
    );
    const ctx: RunContext = {
      saveEveryMs: (saveEvery as number) * 1000,
      deps,
      out,
      json: values.json === true,
      stateFile,
      client,
      concurrency: concurrency as number,
    };

    let state: MonitorState;
    let pinnedNow: boolean;
    try {
      const stored = await readStateFile(stateFile);
      const trust = await resolveTrust(client, stored, {
        logKey,
        witnessKeys,
        quorum: values.quorum === undefined ? undefined : (quorum as number),
      });
      ({ state, pinnedNow } = trust);
      if (!ctx.json)
        out.line(`verity monitor: ${base} (log ${state.origin}; witnesses: ${describePolicy(state.witnessPolicy)})`);
      for (const notice of trust.notices) out.warn(notice);
    } catch (error) {
      if (error instanceof MonitorStateError) {
        return usageError(
          'monitor',
          `${error.message}. Move it aside to start afresh (the pins are then taken again).`,
        );
      }
      if (error instanceof TrustConflictError || isTlogError(error)) return usageError('monitor', error.message);
      if (error instanceof PortalUnavailableError || error instanceof PortalAnswerError) {
        out.warn(`verity monitor: ${error.message}`);
        return out.result(EXIT.UNREACHABLE);
      }
      if (stop.signal.aborted) return out.result(EXIT.OK);
      throw error;
    }

    for (;;) {
      let code: ExitCode | undefined;
      try {
        ({ code, state } = await checkOnce(ctx, state, pinnedNow));
      } catch (error) {
        if (stop.signal.aborted) break;
        throw error;
      }
      if (code === EXIT.FAILED) return out.result(EXIT.FAILED);
      if (code === undefined) pinnedNow = false; // the pins are written with the first verified checkpoint
      if (!follow) return out.result(code ?? EXIT.OK);
      // Following: an unreachable portal is reported and tried again at the next interval.
      if (await sleepOrStop(interval as number, stopped)) break;
    }
    const stoppedLine = `verity monitor stopped (${String(stop.signal.reason)})`;
    if (ctx.json)
      out.warn(stoppedLine); // stdout stays JSON Lines
    else out.line(stoppedLine);
    return out.result(EXIT.OK);
  },
};
