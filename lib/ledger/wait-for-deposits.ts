import 'server-only';
/** Waits (polling) until the given deposits are sealed, or the time is up; returns what it has. */
import { loadReceipts, type Receipt } from './load-receipts';

export async function waitForDeposits(ids: readonly string[], timeoutMs: number): Promise<Map<string, Receipt>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await loadReceipts(ids);
    const done = ids.every((id) => found.get(id)?.status === 'sealed');
    if (done || Date.now() >= deadline) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
}
