/**
 * A deposit receipt checked offline, against keys the caller pinned — nothing is fetched, and
 * nothing the receipt says in plain JSON is trusted:
 *
 * 1. `schema`: it parses with the one receipt definition (lib/ledger/receipt.schema.ts) — or is a
 *    receipt file (lib/ledger/receipt-file.ts: the receipt, then the `title` and `metadata` sent,
 *    as the portal's deposit page and `verity deposit` write it), whose additions must then be what
 *    the leaf commits to (`additions`);
 * 2. `leaf`, `receipt`, `checkpoint`, `inclusion`: lib/verification/check-receipt.ts, the check the
 *    portal's pages and its server make (leaf is a canonical statement; the receipt says what the
 *    leaf says; the checkpoint is signed by the pinned log key; the leaf is in its tree);
 * 3. `digests`: the digests the caller computed equal those the leaf records (every one given
 *    that the leaf has; at least one in common);
 * 4. `cosignatures` (with a witness policy): at least `quorum` of its witnesses cosigned the
 *    checkpoint (lib/verification/witnessed-by.ts) — a receipt taken before they did fails this:
 *    fetch it again (`VerityClient.getDeposit`) for a witnessed one;
 * 5. `anchor_*` (when the receipt carries an anchor): lib/anchor/check-deposit-anchor.ts, the RFC
 *    3161 token checked offline, the chain anchor "not checked" (no network here).
 *
 * Browser-safe and pure (the clock aside). Never throws for a bad receipt: `ok` and `checks`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.3.2
 * @module
 */
import type { Digests } from '@/lib/hashing/digests';
import { type Receipt, ZReceipt } from '@/lib/ledger/receipt.schema';
import { type ReceiptFileContent, receiptAdditionsMatchLeaf, receiptOfFile } from '@/lib/ledger/receipt-file';
import { checkReceipt } from '@/lib/verification/check-receipt';
import type { ProofStep } from '@/lib/verification/decide-verdict';
import { logOrigin } from '@/lib/verification/open-checkpoint';
import { subjectMatch } from '@/lib/verification/subject-match';
import type { WitnessPolicy } from '@/lib/verification/witness-policy';

export type { WitnessPolicy } from '@/lib/verification/witness-policy';

export interface ReceiptCheck {
  name: string;
  ok: boolean;
  message: string;
  /** false: not made (the chain anchor offline); it neither passes nor fails the receipt. */
  checked?: false;
}

export interface ReceiptVerification {
  /** Every check passed (and the digests matched, when given). */
  ok: boolean;
  /** The receipt as parsed with the one schema (absent when it did not parse). */
  receipt?: Receipt;
  checks: ReceiptCheck[];
  /** Who cosigned the receipt's checkpoint, counted against the policy; null: no policy given. */
  witnessed?: { count: number; of: number; quorum: number; names: string[] } | null;
}

export interface VerifyReceiptOptions {
  /** The log's verifier key, pinned (`<origin>+<8 hex>+<base64>`, GET /api/v1/log/key). */
  logKey: string;
  /** The witness policy, pinned: its quorum must have cosigned the checkpoint. */
  witnesses?: WitnessPolicy;
  /** Digests of the file (lowercase hex) that the receipt must record. */
  digests?: { sha256?: string; sm3?: string };
  /** TSA root certificates (PEM) to pin for an anchor's time-stamp token. */
  tsaRoots?: readonly string[];
  /** POSIX seconds, for cosignatures dated in the future (default: the clock). */
  now?: number;
}

const STEPS: readonly ProofStep[] = ['leaf', 'receipt', 'checkpoint', 'inclusion'];

const STEP_PASSED: Record<string, string> = {
  leaf: 'the leaf is a canonical deposit statement',
  receipt: "the receipt's digests, time, depositor, title and signature are the leaf's",
  checkpoint: 'the checkpoint is signed by the pinned log key',
  inclusion: 'the leaf is in the checkpoint’s tree at its index',
};

/** A receipt file's additions (title, metadata), split from the receipt; none for a bare receipt. */
function splitReceiptFile(value: unknown): { receipt: unknown; file?: ReceiptFileContent } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { receipt: value };
  if (!('title' in value) && !('metadata' in value)) return { receipt: value };
  return { receipt: receiptOfFile(value as ReceiptFileContent), file: value as ReceiptFileContent };
}

export async function verifyReceipt(value: unknown, options: VerifyReceiptOptions): Promise<ReceiptVerification> {
  const { receipt, file } = splitReceiptFile(value);
  const parsed = ZReceipt.safeParse(receipt);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return {
      ok: false,
      checks: [{ name: 'schema', ok: false, message: `not a Verity receipt${where}: ${issue?.message ?? 'invalid'}` }],
    };
  }
  const r = parsed.data;
  const checks: ReceiptCheck[] = [{ name: 'schema', ok: true, message: `a ${r.status} receipt of deposit ${r.id}` }];
  let origin: string;
  try {
    origin = logOrigin(options.logKey);
  } catch (error) {
    checks.push({ name: 'checkpoint', ok: false, message: `the pinned log key is not a verifier key: ${text(error)}` });
    return { ok: false, receipt: r, checks };
  }
  const { deposit, checkpoint } = checkReceipt(r, undefined, {
    verifierKey: options.logKey,
    ...(options.witnesses ? { witnesses: options.witnesses } : {}),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const failedAt = deposit.proof.ok ? STEPS.length : STEPS.indexOf(deposit.proof.step);
  for (const [i, step] of STEPS.entries()) {
    if (r.status === 'pending' && (step === 'checkpoint' || step === 'inclusion')) continue;
    if (i < failedAt) checks.push({ name: step, ok: true, message: passedMessage(step, r, origin) });
    else if (i === failedAt && !deposit.proof.ok)
      checks.push({ name: step, ok: false, message: deposit.proof.message });
  }
  if (r.status === 'pending') {
    checks.push({
      name: 'sealed',
      ok: false,
      message: 'the deposit is accepted but not sealed yet: fetch its receipt again in a few seconds for its proof',
    });
  }
  if (file && deposit.proof.ok) checks.push(additionsCheck(file));
  if (options.digests) checks.push(digestCheck(options.digests, deposit.recorded));

  let witnessed: ReceiptVerification['witnessed'] = null;
  if (options.witnesses && checkpoint) {
    const w = deposit.witnessing;
    const names = w?.by.map((v) => v.name) ?? [];
    const quorum = options.witnesses.quorum;
    witnessed = { count: names.length, of: options.witnesses.witnesses.length, quorum, names };
    const ok = w === undefined || w.state === 'witnessed';
    const problems = w?.problems.length
      ? `; not counted: ${w.problems.map((p) => `${p.witness} (${p.message})`).join(', ')}`
      : '';
    checks.push({
      name: 'cosignatures',
      ok,
      message: ok
        ? w
          ? `witnessed by ${names.length} of ${w.of} (quorum ${quorum}): ${names.join(', ')}${problems}`
          : 'the pinned policy has no witnesses'
        : `not witnessed: ${names.length} of ${w.of} valid cosignatures, the policy needs ${quorum}${problems} — fetch the receipt again later for a witnessed checkpoint`,
    });
  }

  if (r.status === 'sealed' && r.anchor && checkpoint) {
    const { checkDepositAnchor } = await import('@/lib/anchor/check-deposit-anchor');
    const anchor = await checkDepositAnchor(r.anchor, {
      logVerifiers: options.logKey,
      origin,
      leafIndex: BigInt(r.leafIndex),
      depositCheckpoint: { size: checkpoint.checkpoint.size, root: checkpoint.checkpoint.rootHash },
      ...(options.tsaRoots ? { tsaRoots: options.tsaRoots } : {}),
      rpcUrl: null,
    });
    for (const c of anchor.checks)
      checks.push({ name: c.name, ok: c.ok, message: c.message, ...(c.checked ? {} : { checked: false as const }) });
  }
  return { ok: checks.every((c) => c.ok), receipt: r, checks, witnessed };
}

function passedMessage(step: ProofStep, r: Receipt, origin: string): string {
  if (r.status === 'sealed' && step === 'checkpoint')
    return `${STEP_PASSED.checkpoint} (${origin}, size ${r.treeSize})`;
  if (r.status === 'sealed' && step === 'inclusion') return `${STEP_PASSED.inclusion} ${r.leafIndex}`;
  return STEP_PASSED[step] ?? step;
}

function additionsCheck(file: ReceiptFileContent): ReceiptCheck {
  let ok: boolean;
  try {
    ok = receiptAdditionsMatchLeaf(file);
  } catch (error) {
    return { name: 'additions', ok: false, message: `the title or file metadata cannot be checked: ${text(error)}` };
  }
  return ok
    ? { name: 'additions', ok, message: 'the title and file metadata in the receipt file are what the leaf records' }
    : { name: 'additions', ok, message: 'the title or file metadata in the receipt file is not what the leaf records' };
}

function digestCheck(given: { sha256?: string; sm3?: string }, recorded: Digests): ReceiptCheck {
  const digests: Digests = {
    ...(given.sha256 ? { sha256: given.sha256.toLowerCase() } : {}),
    ...(given.sm3 ? { sm3: given.sm3.toLowerCase() } : {}),
  };
  const { match, algorithms } = subjectMatch({ kind: 'file', digests }, recorded);
  if (match === null) {
    return { name: 'digests', ok: false, message: 'the receipt records none of the digests given: nothing to compare' };
  }
  if (!match) {
    const differ = (['sha256', 'sm3'] as const).filter((a) => digests[a] && recorded[a] && digests[a] !== recorded[a]);
    return {
      name: 'digests',
      ok: false,
      message: `the file's ${differ.map(label).join(' and ')} differ${differ.length === 1 ? 's' : ''} from the deposit's: the file is not the one deposited`,
    };
  }
  return { name: 'digests', ok: true, message: `the file's ${algorithms.map(label).join(' and ')} match the deposit` };
}

const label = (a: string) => (a === 'sha256' ? 'SHA-256' : 'SM3');
const text = (error: unknown) => (error instanceof Error ? error.message : String(error));
