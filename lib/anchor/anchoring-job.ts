import 'server-only';
/**
 * The anchoring job: every VERITY_ANCHOR_EVERY_LEAVES new leaves or VERITY_ANCHOR_INTERVAL_SECONDS,
 * whichever comes first, the newest witnessed checkpoint (the newest signed one when the log has no
 * witnesses) is anchored on the configured EVM chain — one transaction per interval whatever the
 * deposit volume — and each checkpoint anchored there gets an RFC 3161 token from the configured
 * authorities (without a chain, the tokens follow the same schedule by themselves).
 *
 * Exactly one process anchors at a time (a PostgreSQL advisory lock held for the run). Deposits never
 * wait for any of it: the job reads what the ledger stored. A failure is recorded for admins
 * (anchor_status), never as an anchor, and retried with back-off; the chain holding another root
 * for a size the log anchored is an alarm (anchor_alarms).
 */
import type pg from 'pg';
import { getPool } from '@/lib/db/pool';
import { checkpointAt, type StoredCheckpoint } from '@/lib/ledger/latest-checkpoint';
import { witnessPolicy } from '@/lib/witnessing/witness-policy';
import { servedCheckpoint } from '@/lib/witnessing/witness-store';
import type { AnchorSettings } from './anchor-settings';
import {
  lastEvmAnchor,
  lastTimestamp,
  recordAnchorOutcome,
  storeAnchorAlarm,
  storeEvmAnchor,
  storeTimestamp,
  untimestampedAnchors,
} from './anchor-store';

/** Distinct from the cosigner's (lib/witnessing) and the sequencer's locks. */
export const ANCHORING_LOCK = 7_406_110_323;

/** What the job needs of a chain (lib/anchor/evm/evm-anchor-client.ts provides it). */
export interface ChainAnchorer {
  anchor(
    treeSize: bigint,
    rootHash: Uint8Array,
  ): Promise<{ transactionHash: `0x${string}`; blockNumber: bigint; blockHash: `0x${string}`; blockTime: Date }>;
}

/** What the job needs of the time-stamping authorities (lib/anchor/rfc3161/request-timestamp.ts). */
export type Timestamper = (data: Uint8Array) => Promise<{
  url: string;
  token: Uint8Array;
  genTime: Date;
  tsa: string;
  certificates: string[];
}>;

export interface AnchoringJobOptions {
  settings: AnchorSettings;
  anchorer?: ChainAnchorer;
  timestamper?: Timestamper;
  pool?: pg.Pool;
  /** How often the job looks whether an anchor is due (default 1 s). */
  tickMs?: number;
  /** The longest back-off after failures (default 5 minutes). */
  maxBackoffMs?: number;
  /** Which checkpoint an anchor would fix now (default: the newest witnessed, or the newest signed). */
  candidate?: (pool: pg.Pool) => Promise<StoredCheckpoint | null>;
}

export interface RunOutcome {
  /** False when another process holds the lock. */
  ran: boolean;
  anchored: bigint | null;
  timestamped: bigint[];
  failures: Array<{ target: string; code: string; message: string }>;
}

const TIMESTAMPS_PER_RUN = 10;

/** A failure's code and message, from the typed errors of both clients or anything else. */
function failureOf(error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; message?: unknown };
  const code = typeof e?.code === 'string' && /^[A-Z_]{2,64}$/.test(e.code) ? e.code : 'FAILED';
  const message = typeof e?.message === 'string' && e.message ? e.message : String(error);
  return { code, message };
}

export class AnchoringJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RunOutcome> | undefined;
  private stopped = false;
  private readonly notBefore = new Map<string, { at: number; failures: number }>();
  /** Targets whose first success this process recorded (anchor_status is written on changes only). */
  private readonly reported = new Set<string>();

  constructor(private readonly options: AnchoringJobOptions) {}

  get chainTarget(): string | null {
    const chain = this.options.settings.chain;
    return chain ? `evm:${chain.chainId}:${chain.contract}` : null;
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.runOnce(), this.options.tickMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One run (never two at once in this process); resolves with what it did. Never rejects. */
  runOnce(): Promise<RunOutcome> {
    if (!this.running) {
      this.running = this.run()
        .catch((error): RunOutcome => {
          const { message } = failureOf(error);
          console.error(`verity: anchoring failed (${message}); trying again later`);
          return { ran: false, anchored: null, timestamped: [], failures: [] };
        })
        .finally(() => {
          this.running = undefined;
        });
    }
    return this.running;
  }

  private async run(): Promise<RunOutcome> {
    const outcome: RunOutcome = { ran: false, anchored: null, timestamped: [], failures: [] };
    const { settings } = this.options;
    if ((!settings.chain || !this.options.anchorer) && (!settings.tsa || !this.options.timestamper)) return outcome;
    const pool = this.options.pool ?? getPool();
    const client = await pool.connect();
    let locked = false;
    try {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
        ANCHORING_LOCK,
      ]);
      locked = rows[0]?.locked === true;
      if (!locked) return outcome;
      outcome.ran = true;
      const candidate = await (this.options.candidate ?? newestAnchorable)(pool);
      if (settings.chain && this.options.anchorer) await this.anchorOnChain(candidate, pool, outcome);
      if (settings.tsa && this.options.timestamper) await this.timestamp(candidate, pool, outcome);
      return outcome;
    } finally {
      let unlocked = !locked;
      if (locked) {
        unlocked = await client.query('SELECT pg_advisory_unlock($1)', [ANCHORING_LOCK]).then(
          () => true,
          () => false,
        );
      }
      client.release(!unlocked);
    }
  }

  private due(candidate: StoredCheckpoint, last: { treeSize: bigint; recordedAt: Date } | null): boolean {
    if (!last) return true;
    if (candidate.treeSize <= last.treeSize) return false;
    const { everyLeaves, intervalMs } = this.options.settings;
    return (
      candidate.treeSize - last.treeSize >= BigInt(everyLeaves) || Date.now() - last.recordedAt.getTime() >= intervalMs
    );
  }

  private backingOff(target: string): boolean {
    const entry = this.notBefore.get(target);
    return entry !== undefined && Date.now() < entry.at;
  }

  private async failed(target: string, error: unknown, pool: pg.Pool, outcome: RunOutcome): Promise<void> {
    const { code, message } = failureOf(error);
    const failures = (this.notBefore.get(target)?.failures ?? 0) + 1;
    const wait = Math.min(this.options.maxBackoffMs ?? 300_000, 1000 * 2 ** Math.min(failures - 1, 20));
    this.notBefore.set(target, { at: Date.now() + wait * (0.75 + Math.random() / 2), failures });
    outcome.failures.push({ target, code, message });
    await recordAnchorOutcome(target, { ok: false, code, message }, pool).catch(() => {});
    console.error(
      `verity: anchoring to ${target} failed (${code}: ${message}); trying again in ${Math.round(wait / 1000)} s`,
    );
  }

  private async succeeded(target: string, pool: pg.Pool): Promise<void> {
    const hadFailed = this.notBefore.delete(target);
    // Written on the first success and after failures, not on every anchor.
    if (hadFailed || !this.reported.has(target)) {
      this.reported.add(target);
      await recordAnchorOutcome(target, { ok: true }, pool);
    }
  }

  private async anchorOnChain(candidate: StoredCheckpoint | null, pool: pg.Pool, outcome: RunOutcome): Promise<void> {
    const chain = this.options.settings.chain;
    const anchorer = this.options.anchorer;
    const target = this.chainTarget;
    if (!chain || !anchorer || !target || !candidate || this.backingOff(target)) return;
    if (!this.due(candidate, await lastEvmAnchor(chain.chainId, chain.contract, pool))) return;
    try {
      const landed = await anchorer.anchor(candidate.treeSize, candidate.rootHash);
      await storeEvmAnchor(
        {
          treeSize: candidate.treeSize,
          rootHash: candidate.rootHash,
          chainId: chain.chainId,
          contract: chain.contract,
          transactionHash: landed.transactionHash,
          blockNumber: landed.blockNumber,
          blockHash: landed.blockHash,
          anchoredAt: landed.blockTime,
          demo: chain.demo,
        },
        pool,
      );
      outcome.anchored = candidate.treeSize;
      await this.succeeded(target, pool);
    } catch (error) {
      const chainRoot = (error as { onChainRoot?: unknown }).onChainRoot;
      if (failureOf(error).code === 'ROOT_CONFLICT' && chainRoot instanceof Uint8Array) {
        await storeAnchorAlarm(
          {
            chainId: chain.chainId,
            contract: chain.contract,
            treeSize: candidate.treeSize,
            logRoot: candidate.rootHash,
            chainRoot,
          },
          pool,
        );
      }
      await this.failed(target, error, pool, outcome);
    }
  }

  private async timestamp(candidate: StoredCheckpoint | null, pool: pg.Pool, outcome: RunOutcome): Promise<void> {
    const tsa = this.options.settings.tsa;
    const timestamper = this.options.timestamper;
    const target = 'rfc3161';
    if (!tsa || !timestamper || this.backingOff(target)) return;
    let pending: StoredCheckpoint[];
    if (this.options.settings.chain) {
      const anchored = await untimestampedAnchors(tsa.urls, TIMESTAMPS_PER_RUN, pool);
      pending = anchored.map((a) => ({ treeSize: a.treeSize, rootHash: a.rootHash, note: a.note }));
    } else {
      pending = candidate && this.due(candidate, await lastTimestamp(tsa.urls, pool)) ? [candidate] : [];
    }
    for (const checkpoint of pending) {
      try {
        const token = await timestamper(new TextEncoder().encode(checkpoint.note));
        await storeTimestamp(
          {
            treeSize: checkpoint.treeSize,
            rootHash: checkpoint.rootHash,
            tsaUrl: token.url,
            tsaName: token.tsa,
            checkpoint: checkpoint.note,
            token: token.token,
            certificates: token.certificates,
            anchoredAt: token.genTime,
            demo: tsa.demo,
          },
          pool,
        );
        outcome.timestamped.push(checkpoint.treeSize);
        await this.succeeded(target, pool);
      } catch (error) {
        await this.failed(target, error, pool, outcome);
        return;
      }
    }
  }
}

/** The checkpoint an anchor would fix now: the newest witnessed one, or the newest signed. */
export async function newestAnchorable(pool: pg.Pool): Promise<StoredCheckpoint | null> {
  const policy = witnessPolicy();
  let size: bigint | null;
  if (policy.witnesses.length > 0) {
    const served = await servedCheckpoint(policy, pool);
    size = served?.witnessed ? served.treeSize : null;
  } else {
    const { rows } = await pool.query<{ tree_size: string | null }>(
      'SELECT max(tree_size) AS tree_size FROM checkpoints',
    );
    size = rows[0]?.tree_size ? BigInt(rows[0].tree_size) : null;
  }
  if (size === null || size === 0n) return null; // nothing to fix yet
  return checkpointAt(size);
}
