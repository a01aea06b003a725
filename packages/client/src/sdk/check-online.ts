/**
 * The online half of `VerityClient.verifyReceipt`, after the offline checks: the portal's fresh
 * receipt of the same deposit (`fresh`: the same leaf and index, passing the same checks), the
 * receipt's checkpoint proven consistent with the fresh one (`consistency`), and the fresh one
 * with the checkpoint remembered for the log (`remembered`, prove-consistent.ts), which then
 * advances. A fork throws VerityError FORK with the evidence; the rest is added to `result`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.4
 * @module
 */
import type { Receipt } from '@/lib/ledger/receipt.schema';
import { logOrigin, openCheckpoint } from '@/lib/verification/open-checkpoint';
import type { WitnessPolicy } from '@/lib/verification/witness-policy';
import type { CheckpointStore } from './checkpoint-store';
import type { HttpClient } from './http';
import { consistencyApi, proveOrFork, rememberCheckpoint } from './prove-consistent';
import { type ReceiptVerification, verifyReceipt } from './verify-receipt';

export interface CheckOnlineOptions {
  /** GET /api/v1/deposits/{id} of the receipt's deposit, as the portal answered it now. */
  fresh: Receipt;
  logKey: string;
  witnesses?: WitnessPolicy;
  http: HttpClient;
  store: CheckpointStore;
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
}

/** `result` (the offline checks of a receipt that parsed) with the online checks added; `ok` recomputed. */
export async function checkOnline(
  result: ReceiptVerification & { receipt: Receipt },
  options: CheckOnlineOptions,
): Promise<ReceiptVerification> {
  const { fresh, logKey } = options;
  const given = result.receipt;
  const freshCheck = await verifyReceipt(fresh, {
    logKey,
    ...(options.witnesses ? { witnesses: options.witnesses } : {}),
  });
  const sameLeaf =
    fresh.leaf === given.leaf &&
    (fresh.status !== 'sealed' || given.status !== 'sealed' || fresh.leafIndex === given.leafIndex);
  const failed = freshCheck.checks.filter((c) => !c.ok);
  result.checks.push({
    name: 'fresh',
    ok: sameLeaf && failed.length === 0,
    message: !sameLeaf
      ? `the portal's receipt of deposit ${given.id} has another leaf or index than this one`
      : failed.length > 0
        ? `the portal's fresh receipt fails: ${failed.map((c) => `${c.name}: ${c.message}`).join('; ')}`
        : fresh.status === 'sealed'
          ? `the portal's fresh receipt proves the leaf in its checkpoint of size ${fresh.treeSize}`
          : 'the portal has the deposit, not sealed yet',
  });
  if (fresh.status === 'sealed' && sameLeaf && failed.length === 0) {
    const origin = logOrigin(logKey);
    const api = consistencyApi(options.http, options.signal);
    const newest = openCheckpoint(fresh.checkpoint, logKey);
    if (given.status === 'sealed' && result.checks.some((c) => c.name === 'checkpoint' && c.ok)) {
      await proveOrFork(openCheckpoint(given.checkpoint, logKey), newest, api, origin);
      result.checks.push({
        name: 'consistency',
        ok: true,
        message: `the log of size ${fresh.treeSize} extends the receipt's checkpoint of size ${given.treeSize}`,
      });
    }
    const before = await rememberCheckpoint(newest, {
      store: options.store,
      origin,
      logKey,
      api,
      ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    });
    result.checks.push({
      name: 'remembered',
      ok: true,
      message:
        before === null
          ? `checkpoint of size ${fresh.treeSize} remembered (the first for ${origin})`
          : `consistent with the checkpoint of size ${before} remembered before`,
    });
  }
  result.ok = result.checks.every((c) => c.ok);
  return result;
}
