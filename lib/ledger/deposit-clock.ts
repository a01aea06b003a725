import 'server-only';
/**
 * The time a deposit is stamped with (the leaf statement's `depositedAt`, which the leaf and so
 * the log commit to): the system clock, but never earlier than a time already stamped. A court
 * reads the log's order as the order things happened; a clock stepped backwards (a bad NTP
 * source, a VM restored from a snapshot, an operator's `date -s`) would otherwise log a later
 * deposit as made before an earlier one, and the receipts would contradict each other.
 *
 * Why hold the time rather than trust the clock or the database's: after a step back every clock
 * on the machine lies, PostgreSQL's `now()` included (same kernel clock, or another machine's
 * with its own faults). Both choices are lies for the length of the step; holding the time at the
 * last one stamped is the lie that keeps the log's order true and cannot be exploited to backdate
 * (a deposit is never stamped earlier than one already answered). The step is reported on stderr
 * once (an alarm for the operator: fix time synchronisation) and the clock is followed again as
 * soon as it passes the held time.
 *
 * The floor starts at the latest time in the log (the newest leaf, or a deposit still queued),
 * read once per process, so a restart after a step back also holds. Limit: two portal processes
 * each keep their own floor after that, so one that stamped nothing since the step may stamp a
 * time just below the other's newest (not below its own, nor below the log's at its start).
 */
import { getPool } from '@/lib/db/pool';

/** A step back smaller than this (clock slewing, a clock read racing another) is held silently. */
const ALARM_AFTER_MS = 1000;

interface ClockState {
  /** The latest time stamped (or found in the log), in ms since the epoch. */
  floor: number;
  loading: Promise<void> | undefined;
  /** Whether the current step back was reported already (reset once the clock has caught up). */
  alarmed: boolean;
}

const globalForClock = globalThis as unknown as { verityDepositClock?: ClockState };

function state(): ClockState {
  globalForClock.verityDepositClock ??= { floor: 0, loading: undefined, alarmed: false };
  return globalForClock.verityDepositClock;
}

/** The time to stamp the next deposit with: now, or the latest time already stamped if the clock is behind it. */
export async function depositTime(): Promise<Date> {
  const clock = state();
  clock.loading ??= latestLoggedTime().then(
    (latest) => {
      clock.floor = Math.max(clock.floor, latest);
    },
    (error: unknown) => {
      clock.loading = undefined; // the database is away: the next deposit asks again
      throw error;
    },
  );
  await clock.loading;
  const now = Date.now();
  if (now >= clock.floor) {
    clock.floor = now;
    clock.alarmed = false;
    return new Date(now);
  }
  if (!clock.alarmed && clock.floor - now >= ALARM_AFTER_MS) {
    clock.alarmed = true;
    console.error(
      `verity: the system clock (${new Date(now).toISOString()}) is ${((clock.floor - now) / 1000).toFixed(1)} s behind ` +
        `the latest deposit time (${new Date(clock.floor).toISOString()}); deposits are stamped with that time until the ` +
        'clock catches up. Check the server’s time synchronisation (NTP).',
    );
  }
  return new Date(clock.floor);
}

/** The newest deposit time in the log or its queue (0 for an empty log); indexed reads only. */
async function latestLoggedTime(): Promise<number> {
  const { rows } = await getPool().query<{ latest: Date | null }>(
    `SELECT GREATEST(
       (SELECT d.deposited_at FROM log_leaves l JOIN deposits d ON d.id = l.deposit_id ORDER BY l.leaf_index DESC LIMIT 1),
       (SELECT max(d.deposited_at) FROM sequence_queue q JOIN deposits d ON d.id = q.deposit_id)) AS latest`,
  );
  return rows[0]?.latest?.getTime() ?? 0;
}

/** Forgets the floor, as a newly started process has none (tests of the start-up read). */
export function resetDepositClockForTests(): void {
  globalForClock.verityDepositClock = undefined;
}
