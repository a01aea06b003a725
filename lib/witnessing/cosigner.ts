import 'server-only';
/**
 * The log asks its witnesses: after every seal (the sequencer's listener), on start and every
 * few seconds as a catch-up, the newest checkpoint goes to every witness that is behind it, all
 * at once, each from the size it last cosigned (cosign-with-witness.ts). Nothing here is on a
 * deposit's path: a seal only pokes, and the requests run afterwards.
 *
 * Rounds. A round sends ONE checkpoint to every idle witness, so that k of them cosign the same
 * checkpoint (witnesses asked one by one would each cosign a different newest one under load,
 * and no checkpoint would meet the quorum). A round ends when the checkpoint meets the quorum or
 * every request of it has settled; a witness still answering (slow) stays busy and joins the
 * round after it settles — it delays only its own cosignature. A witness that fails is left out
 * for a back-off that doubles up to a limit (or its Retry-After), and asked again after it.
 *
 * One process at a time. Every portal process runs a cosigner (Next.js and each front worker
 * seal), but only the holder of a PostgreSQL session advisory lock asks the witnesses; it keeps
 * the lock while anything is behind or in flight, re-reading the newest checkpoint every round,
 * so seals by other processes are taken up too. A process that finds the lock taken tries again
 * shortly (in case the holder was just finishing). Should two processes ever ask at once (a
 * lock lost with its connection), it is harmless: the witness answers one of them 409, that one
 * retries from the witness's size, and a second cosignature of a checkpoint is not stored.
 */
import type { PoolClient } from 'pg';
import { getPool } from '@/lib/db/pool';
import { logSigner } from '@/lib/ledger/log-signer';
import { onSealed } from '@/lib/ledger/sequencer';
import { type CheckpointToCosign, type CosignOutcome, cosignWithWitness } from './cosign-with-witness';
import { type ConfiguredWitness, witnessPolicy } from './witness-policy';
import { lastCosignedSizes } from './witness-store';

/** Arbitrary, fixed (beside the sequencer's 7_406_110_321): one process asks the witnesses. */
export const COSIGNER_LOCK = 7_406_110_322;

export interface CosignerOptions {
  /** Per request to a witness. */
  timeoutMs?: number;
  /** First back-off after a failure; it doubles per failure up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** The catch-up: how often every process checks for checkpoints not yet cosigned. */
  catchUpMs?: number;
  /**
   * At least this long between two rounds. Every round costs the same whatever it carries (a
   * proof, a request and a stored cosignature per witness): measured (bench/witnesses.ts), rounds
   * every 50 ms cost single deposits about 15% of their throughput on two cores; every 200 ms a
   * deposit is still covered by a witnessed checkpoint well within a second. A witness allows a
   * log 50 requests a second by default.
   */
  roundIntervalMs?: number;
  /** Where each outcome is reported (default: failures and alarms to the console). */
  report?: (witness: ConfiguredWitness, outcome: CosignOutcome) => void;
}

const DEFAULTS = {
  timeoutMs: 5000,
  backoffMs: 1000,
  maxBackoffMs: 60_000,
  catchUpMs: 5000,
  roundIntervalMs: 200,
} as const;

interface WitnessRun {
  busy: boolean;
  failures: number;
  notBefore: number;
  /** A size the witness told us (409) that the store does not know of yet. */
  knownSize?: bigint;
}

export class Cosigner {
  private readonly options: Required<Omit<CosignerOptions, 'report'>> & Pick<CosignerOptions, 'report'>;
  private readonly runs = new Map<string, WitnessRun>();
  private running: Promise<void> | undefined;
  private again = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();
  private wake: (() => void) | undefined;
  private lastRoundEnded = 0;
  /** Rounds run so far (each reads PostgreSQL): for tests and measurements. */
  rounds = 0;

  constructor(options: CosignerOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Starts the catch-up timer and a first round. */
  start(): void {
    this.stopped = false;
    if (this.timer) return;
    this.timer = setInterval(() => this.poke(), this.options.catchUpMs);
    this.timer.unref();
    this.poke();
  }

  /** Stops asking; resolves once requests in flight have settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.retry);
    this.retry = undefined;
    this.timer = undefined;
    this.wake?.();
    await this.running;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Something was sealed, or it is time to catch up: run rounds soon, never on the caller's path. */
  poke(): void {
    // While another process holds the lock, its rounds cover our seals too: wait for the retry
    // rather than asking PostgreSQL for the lock after every seal.
    if (this.stopped || this.retry !== undefined) return;
    if (this.running) {
      this.again = true;
      this.wake?.();
      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
    });
  }

  /** Runs rounds until nothing is behind or in flight, then resolves (for tests and scripts). */
  async settle(): Promise<void> {
    this.poke();
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve)); // off the caller's stack
    let client: PoolClient | undefined;
    let locked = false;
    try {
      // Never throws out of here: a rejected run would be an unhandled rejection in a server process.
      if (witnessPolicy().witnesses.length === 0) return;
      client = await getPool().connect();
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
        COSIGNER_LOCK,
      ]);
      locked = rows[0]?.locked === true;
      if (!locked) {
        // Another process is asking; try again shortly in case it was just finishing.
        clearTimeout(this.retry);
        this.retry = setTimeout(() => {
          this.retry = undefined;
          this.poke();
        }, 250);
        this.retry.unref();
        return;
      }
      for (;;) {
        this.again = false;
        const started = await this.round(client);
        this.rounds++;
        this.lastRoundEnded = Date.now();
        if (this.stopped) break;
        if (!started && this.inFlight.size === 0 && !this.again) break;
        await this.pause(started);
      }
    } catch (error) {
      console.error(`verity: asking the witnesses failed (${(error as Error).message}); trying again later`);
    } finally {
      // The lock belongs to the connection's session: a connection whose unlock failed is closed
      // rather than returned to the pool, where it would hold the lock for ever.
      let unlocked = !locked;
      if (locked && client) {
        unlocked = await client.query('SELECT pg_advisory_unlock($1)', [COSIGNER_LOCK]).then(
          () => true,
          () => false,
        );
      }
      client?.release(!unlocked);
    }
  }

  /**
   * Waits for a request to settle, a poke, the end of a back-off, or the round interval — and in
   * every case until the interval has passed since the last round ended: under load every seal
   * pokes, and each round reads PostgreSQL even when it finds nothing to ask.
   */
  private async pause(started: boolean): Promise<void> {
    const now = Date.now();
    const backoffEnds = [...this.runs.values()].filter((r) => r.notBefore > now).map((r) => r.notBefore - now);
    const wait = started
      ? this.options.roundIntervalMs
      : Math.max(this.options.roundIntervalMs, Math.min(1000, ...backoffEnds));
    const spaced = () => Math.max(0, this.lastRoundEnded + this.options.roundIntervalMs - Date.now());
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, wait);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        setTimeout(resolve, spaced());
      };
    });
    this.wake = undefined;
  }

  /** One round; false when no witness was asked. */
  private async round(client: PoolClient): Promise<boolean> {
    const policy = witnessPolicy();
    const { rows } = await client.query<{ tree_size: string; note: string }>(
      'SELECT tree_size, note FROM checkpoints ORDER BY tree_size DESC LIMIT 1',
    );
    const row = rows[0];
    if (!row || row.tree_size === '0') return false; // nothing to witness yet
    const checkpoint: CheckpointToCosign = { treeSize: BigInt(row.tree_size), note: row.note };
    const stored = await lastCosignedSizes(policy.witnesses.map((w) => w.verifierKey));
    const now = Date.now();
    const targets = policy.witnesses.filter((w) => {
      const run = this.runOf(w);
      const last = maxOf(stored.get(w.verifierKey), run.knownSize);
      return !run.busy && run.notBefore <= now && last < checkpoint.treeSize;
    });
    if (targets.length === 0) return false;

    const logVerifierKey = logSigner().verifierKey;
    let cosigned = [...stored.entries()].filter(([, size]) => size === checkpoint.treeSize).length;
    let settled = 0;
    await new Promise<void>((resolveRound) => {
      const done = () => {
        if (cosigned >= policy.quorum || settled === targets.length) resolveRound();
      };
      for (const witness of targets) {
        const run = this.runOf(witness);
        run.busy = true;
        const lastSize = maxOf(stored.get(witness.verifierKey), run.knownSize);
        const request = cosignWithWitness(witness, checkpoint, {
          lastSize,
          logVerifierKey,
          timeoutMs: this.options.timeoutMs,
        })
          .catch((error: unknown): CosignOutcome => ({ kind: 'failed', message: (error as Error).message }))
          .then((outcome) => {
            if (outcome.kind === 'cosigned') cosigned++;
            this.record(witness, run, outcome);
          })
          .catch((error: unknown) => console.error(`verity: witness ${witness.name}: ${(error as Error).message}`))
          .finally(() => {
            run.busy = false;
            settled++;
            this.inFlight.delete(request);
            done();
            this.wake?.();
          });
        this.inFlight.add(request);
      }
    });
    return true;
  }

  private record(witness: ConfiguredWitness, run: WitnessRun, outcome: CosignOutcome): void {
    if (outcome.kind === 'cosigned') {
      run.failures = 0;
      run.notBefore = 0;
      run.knownSize = undefined;
    } else if (outcome.kind === 'superseded') {
      run.knownSize = outcome.witnessSize;
    } else {
      run.failures++;
      const backoff =
        outcome.kind === 'alarm'
          ? this.options.maxBackoffMs
          : Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** (run.failures - 1));
      const retryAfter = outcome.kind === 'failed' && outcome.retryAfter ? outcome.retryAfter * 1000 : 0;
      run.notBefore = Date.now() + Math.max(backoff, retryAfter);
    }
    const report = this.options.report ?? defaultReport;
    report(witness, outcome);
  }

  private runOf(witness: ConfiguredWitness): WitnessRun {
    let run = this.runs.get(witness.verifierKey);
    if (!run) {
      run = { busy: false, failures: 0, notBefore: 0 };
      this.runs.set(witness.verifierKey, run);
    }
    return run;
  }
}

function maxOf(a: bigint | undefined, b: bigint | undefined): bigint {
  const x = a ?? 0n;
  const y = b ?? 0n;
  return x > y ? x : y;
}

function defaultReport(witness: ConfiguredWitness, outcome: CosignOutcome): void {
  if (outcome.kind === 'failed') {
    console.warn(`verity: witness ${witness.name} (${witness.url}) did not cosign: ${outcome.message}`);
  } else if (outcome.kind === 'alarm') {
    console.error(
      `verity: ALARM — witness ${witness.name} (${witness.url}) ${outcome.message}; the evidence is stored (npm run ledger:verify)`,
    );
  }
}

const globalForCosigner = globalThis as unknown as { verityCosigner?: Cosigner };

/**
 * Starts this process's cosigner (once) when the log has witnesses, and has every seal poke it.
 * Called where a process starts sealing: instrumentation.ts (Next.js) and the front server.
 */
export function startCosigning(options?: CosignerOptions): Cosigner | undefined {
  if (witnessPolicy().witnesses.length === 0) return undefined;
  if (!globalForCosigner.verityCosigner) {
    const cosigner = new Cosigner(options);
    globalForCosigner.verityCosigner = cosigner;
    onSealed(() => cosigner.poke());
    cosigner.start();
  }
  return globalForCosigner.verityCosigner;
}
