import 'server-only';
/**
 * Deposits from the portal: a signed-in depositor account hashes files in its own browser and
 * sends only their digests, with an optional title and the file's name and size. The deposits
 * are made for the account's organisation exactly as the API would make them (same statement
 * schema, same sequencer, same receipts: DESIGN.md "Fixed formats").
 *
 * Who may: only an active account with the role `depositor` that belongs to an organisation
 * (checked against the database here, before the input is read). Anyone else is FORBIDDEN.
 *
 * The file's name and size, when given, become the statement's metadata
 * `{ "file": { "name": "…", "size": 123 } }`; like the title, only its SHA-256 enters the leaf
 * (lib/ledger/statement/README.md), so whoever holds the file can recompute it.
 *
 * The whole batch is validated before anything is written: one bad entry refuses them all. The
 * titles are kept for the organisation's history (deposit_titles) in the same transaction as the
 * deposits they name: a deposit is never recorded without its title; names and sizes are not kept.
 */
import type { Actor } from '@/lib/auth/actor';
import { ownDepositorOrg } from '@/lib/depositors/own-depositor-org';
import { AppError } from '@/lib/errors/app-error';
import { issueLines, validationFailed } from '@/lib/errors/zod-issues';
import { acceptDeposits } from './accept-deposits';
import { ZDepositFromBrowser } from './deposit-from-browser.schema';
import type { Receipt } from './load-receipts';
import { type DepositRequest, ZDepositRequest } from './statement';

export type { DepositFromBrowserInput } from './deposit-from-browser.schema';

export interface DepositFromBrowserResult {
  /** In the order of the input; sealed, with proofs, unless the log is unusually slow. */
  receipts: Receipt[];
}

export async function depositFromBrowser(actor: Actor, input: unknown): Promise<DepositFromBrowserResult> {
  if (actor.role !== 'depositor') {
    throw new AppError('FORBIDDEN', 'Only depositor accounts may deposit evidence digests from the portal.');
  }
  const org = await ownDepositorOrg(actor);
  if (!org) {
    throw new AppError('FORBIDDEN', 'This account is not an active member of a depositor organisation.');
  }
  const requests = parse(input);
  const { receipts } = await acceptDeposits({ org, requests, wait: true, keepTitles: true });
  return { receipts };
}

function parse(input: unknown): DepositRequest[] {
  const parsed = ZDepositFromBrowser.safeParse(input);
  if (!parsed.success) throw validationFailed(issueLines(parsed.error));
  return parsed.data.deposits.map((deposit, i) => {
    const request = ZDepositRequest.safeParse({
      digests: deposit.digests,
      title: deposit.title,
      metadata: deposit.file ? { file: deposit.file } : undefined,
    });
    if (!request.success) {
      throw validationFailed(issueLines(request.error, ['deposits', i]));
    }
    return request.data;
  });
}
