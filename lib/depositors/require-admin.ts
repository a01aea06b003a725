import 'server-only';
/**
 * Managing depositors (organisations, API keys, signing keys) is an administrator's job: the
 * keys decide who may write to the evidence ledger. Every such operation calls this first.
 */
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors/app-error';

/** Throws FORBIDDEN unless `actor` is an administrator; `action` completes "Only administrators may …". */
export function requireAdmin(actor: Actor, action: string): void {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', `Only administrators may ${action}.`);
}
