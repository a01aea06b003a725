import 'server-only';
/**
 * Batches deposits in memory and seals them: while one batch is being sealed the next one
 * gathers, so under load each transaction (and each fsync) carries many deposits. A deposit
 * is only answered as sealed after its transaction committed. Every server process has one
 * sequencer; the advisory lock in sealBatch makes them take turns on a shared database.
 */
import { getPool } from '@/lib/db/pool';
import type { PendingDeposit, SealedDeposit } from './pending-deposit';
import { MAX_BATCH, type SealState, sealBatch } from './seal-batch';

interface Waiter {
  deposit: PendingDeposit;
  resolve: (sealed: SealedDeposit) => void;
  reject: (error: unknown) => void;
}

export class Sequencer {
  private waiting: Waiter[] = [];
  private running = false;
  private state: SealState | undefined;
  private poller: ReturnType<typeof setInterval> | undefined;

  /** Resolves, per deposit, once the batch holding it is committed with a signed checkpoint. */
  submit(deposits: readonly PendingDeposit[]): Promise<SealedDeposit[]> {
    const promises = deposits.map(
      (deposit) => new Promise<SealedDeposit>((resolve, reject) => this.waiting.push({ deposit, resolve, reject })),
    );
    void this.run();
    return Promise.all(promises);
  }

  /** Seals whatever is queued in the database (deposits accepted with ?wait=false), now. */
  flushQueue(): Promise<void> {
    return this.run(true);
  }

  /** Polls the database queue, so deposits accepted by any process get sealed even without traffic here. */
  startPolling(intervalMs = 500): void {
    if (this.poller) return;
    this.poller = setInterval(() => void this.run(true).catch(() => {}), intervalMs);
    this.poller.unref();
  }

  stopPolling(): void {
    clearInterval(this.poller);
    this.poller = undefined;
  }

  private async run(evenIfEmpty = false): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      let first = true;
      while (this.waiting.length > 0 || (first && evenIfEmpty)) {
        // A poll with nothing of ours to seal: skip the locked transaction unless the queue has work.
        if (first && this.waiting.length === 0 && !(await queueHasWork())) break;
        first = false;
        const batch = this.waiting.splice(0, MAX_BATCH);
        try {
          const result = await sealBatch(
            batch.map((w) => w.deposit),
            this.state,
          );
          this.state = result.state;
          if (result.sealed.length > 0) notifySealed();
          const byId = new Map(result.sealed.map((s) => [s.id, s]));
          for (const w of batch) {
            const sealed = byId.get(w.deposit.id);
            if (sealed) w.resolve(sealed);
            else w.reject(new Error(`ledger: deposit ${w.deposit.id} was not sealed`));
          }
        } catch (error) {
          this.state = undefined; // re-read the tree on the next batch
          for (const w of batch) w.reject(error);
          if (batch.length === 0) throw error;
        }
      }
    } finally {
      this.running = false;
    }
  }
}

async function queueHasWork(): Promise<boolean> {
  const { rows } = await getPool().query<{ work: boolean }>('SELECT EXISTS (SELECT 1 FROM sequence_queue) AS work');
  return rows[0]?.work === true;
}

const globalForSequencer = globalThis as unknown as {
  veritySequencer?: Sequencer;
  veritySealListeners?: Set<() => void>;
};

function sealListeners(): Set<() => void> {
  globalForSequencer.veritySealListeners ??= new Set();
  return globalForSequencer.veritySealListeners;
}

/**
 * Calls `listener` after each batch this process seals (lib/witnessing pokes its witnesses). It
 * runs after the commit, synchronously, and must only schedule work: never on a deposit's path.
 * Returns the function that removes it.
 */
export function onSealed(listener: () => void): () => void {
  sealListeners().add(listener);
  return () => sealListeners().delete(listener);
}

function notifySealed(): void {
  for (const listener of sealListeners()) {
    try {
      listener();
    } catch (error) {
      console.error(`verity: a seal listener failed (${(error as Error).message})`);
    }
  }
}

export function getSequencer(): Sequencer {
  globalForSequencer.veritySequencer ??= new Sequencer();
  return globalForSequencer.veritySequencer;
}
