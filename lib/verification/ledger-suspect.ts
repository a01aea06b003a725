/**
 * When the ledger itself is suspect, written once: its current checkpoint is not signed by the
 * pinned key, or it is inconsistent with the checkpoint this browser remembered. Then no verdict
 * may say consistent or tampered (decide-verdict.ts), and the page raises the alarm
 * (components/verify/ledger-status.tsx). A module of its own, with no imports, so the page can
 * use it without loading the checking engine (engine.ts).
 *
 * @module
 */
import type { LedgerCheck } from './check-ledger';

export type SuspectLedgerCheck = Extract<LedgerCheck, { state: 'inconsistent' | 'bad_checkpoint' }>;

export function isLedgerSuspect(check: { state: string }): check is SuspectLedgerCheck {
  return check.state === 'inconsistent' || check.state === 'bad_checkpoint';
}
