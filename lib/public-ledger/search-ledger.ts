import 'server-only';
/**
 * The public ledger page's one search box: a digest (SHA-256 or SM3), a deposit ID or a
 * certificate number, told apart by their form. Each uses the lookup that already exists and is
 * already public — `findDepositsByDigest` (GET /api/v1/deposits?sha256=|sm3=) and `loadReceipts`
 * (GET /api/v1/deposits/{id}) — and shows of each deposit only its PublicDeposit fields.
 *
 * A certificate number is recognised but never looked up: numbers are sequential, and what a
 * certificate's page shows is guarded by the check code printed beside the number
 * (SECURITY.md "Public certificate pages"). The answer is only "open the certificate lookup",
 * which asks for that code — so this search says nothing about whether the number exists.
 *
 * Malformed input is an answer (`problem`), not an exception: the page says what is wrong in the
 * reader's language.
 */
import { z } from 'zod';
import { normaliseCertificateNumber } from '@/lib/certificates/find-certificate-by-code';
import { findDepositsByDigest } from '@/lib/ledger/find-deposits-by-digest';
import { loadReceipts } from '@/lib/ledger/load-receipts';
import { type PublicDeposit, publicDepositFromReceipt } from './public-deposit';

export const MAX_SEARCH_LENGTH = 200;

export const ZLedgerSearch = z.strictObject({ q: z.string() });

export type SearchProblem =
  /** Nothing typed. */
  | { code: 'EMPTY'; message: string }
  /** Longer than MAX_SEARCH_LENGTH. */
  | { code: 'TOO_LONG'; message: string }
  /** Only hexadecimal digits, but not 64 of them. */
  | { code: 'DIGEST_LENGTH'; length: number; message: string }
  /** None of the three forms. */
  | { code: 'UNRECOGNISED'; message: string };

export type LedgerSearchResult =
  | { kind: 'digest'; digest: string; deposits: PublicDeposit[] }
  | { kind: 'deposit'; id: string; deposits: PublicDeposit[] }
  | { kind: 'certificate'; number: string }
  | { kind: 'problem'; problem: SearchProblem };

const HEX = /^[0-9a-f]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the text is, without a query. Spaces inside a digest (the page shows them in groups of 8) are ignored. */
export function classifySearch(
  text: string,
):
  | { kind: 'digest'; digest: string }
  | { kind: 'deposit'; id: string }
  | { kind: 'certificate'; number: string }
  | { kind: 'problem'; problem: SearchProblem } {
  const trimmed = text.normalize('NFKC').trim();
  if (trimmed === '') {
    return problem({ code: 'EMPTY', message: 'Enter a digest, a deposit ID or a certificate number.' });
  }
  if (trimmed.length > MAX_SEARCH_LENGTH) {
    return problem({
      code: 'TOO_LONG',
      message: `The search is at most ${MAX_SEARCH_LENGTH} characters; a digest has 64.`,
    });
  }
  const lower = trimmed.toLowerCase();
  const compact = lower.replace(/\s+/g, '');
  if (HEX.test(compact)) {
    if (compact.length === 64) return { kind: 'digest', digest: compact };
    return problem({
      code: 'DIGEST_LENGTH',
      length: compact.length,
      message: `A SHA-256 or SM3 digest has 64 hexadecimal characters; this has ${compact.length}.`,
    });
  }
  if (UUID.test(lower)) return { kind: 'deposit', id: lower };
  const number = normaliseCertificateNumber(trimmed);
  if (number) return { kind: 'certificate', number };
  return problem({
    code: 'UNRECOGNISED',
    message:
      'Enter a SHA-256 or SM3 digest (64 hexadecimal characters), a deposit ID (like 0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77) or a certificate number (like VC-2026-000123).',
  });
}

export async function searchLedger(input: unknown): Promise<LedgerSearchResult> {
  const parsed = ZLedgerSearch.safeParse(input);
  const found = classifySearch(parsed.success ? parsed.data.q : '');
  switch (found.kind) {
    case 'problem':
    case 'certificate':
      return found;
    case 'deposit': {
      const receipts = await loadReceipts([found.id]);
      const receipt = receipts.get(found.id);
      return { ...found, deposits: receipt ? [publicDepositFromReceipt(receipt)] : [] };
    }
    case 'digest': {
      // 64 hexadecimal digits are a SHA-256 or an SM3 digest alike: both indexed lookups.
      const [bySha256, bySm3] = await Promise.all([
        findDepositsByDigest({ sha256: found.digest }),
        findDepositsByDigest({ sm3: found.digest }),
      ]);
      const seen = new Set<string>();
      const deposits = [...bySha256, ...bySm3]
        .filter((r) => !seen.has(r.id) && seen.add(r.id))
        .map(publicDepositFromReceipt)
        .sort((a, b) => (a.depositedAt < b.depositedAt ? -1 : a.depositedAt > b.depositedAt ? 1 : 0));
      return { ...found, deposits };
    }
  }
}

function problem(p: SearchProblem): { kind: 'problem'; problem: SearchProblem } {
  return { kind: 'problem', problem: p };
}
