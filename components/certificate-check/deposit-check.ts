/**
 * Checking a dropped certificate of either kind in the browser (/verify): which kind the file says
 * it is, and for a deposit certificate (存证证书, `verity-deposit-certificate/v1`) its checks as
 * the page shows them — the certificate's own (format, the court's signature and key) and each
 * deposit's (its record, the title and file name it states, the ledger's signed state, the proof
 * that the record is in the ledger). Pure: the lazily loaded engine (components/verify/certificate-engine.ts)
 * exports it, with lib/deposit-certificates/format (browser-safe) inside.
 *
 * The kind only picks the checker: each checker requires its own format name (and the deposit
 * certificate a `type` inside the signed body), so a deposit certificate relabelled as a
 * verification certificate fails verifyCertificate, and the other way round
 * (deposit-check.test.ts).
 *
 * @module
 */
import type {
  CertifiedDeposit,
  DepositCertificateBody,
} from '@/lib/deposit-certificates/format/deposit-certificate-body';
import { isDepositCertificateJson } from '@/lib/deposit-certificates/format/deposit-certificate-body';
import { verifyDepositCertificate } from '@/lib/deposit-certificates/format/verify-deposit-certificate';
import { checkpointSizeOf } from './checkpoint-size';
import type { CertificateLine } from './engine';

/** Which certificate the JSON says it is; anything unreadable goes to the verification checker, which says why. */
export function certificateKindOf(json: Uint8Array): 'verification' | 'deposit' {
  try {
    return isDepositCertificateJson(JSON.parse(new TextDecoder().decode(json))) ? 'deposit' : 'verification';
  } catch {
    return 'verification';
  }
}

export interface CheckedDeposit {
  deposit: CertifiedDeposit;
  ok: boolean;
  /** leaf, title_and_file, checkpoint_signature, inclusion_proof, and cosignatures (version 2). */
  lines: CertificateLine[];
  /** Records in the ledger's signed state the proof is to (M of "record N of M"); null when unreadable. */
  size: number | null;
}

export interface DepositCertificateResult {
  ok: boolean;
  /** The certificate's own checks (attachment for a PDF, format, signature, court_key). */
  lines: CertificateLine[];
  body: DepositCertificateBody | null;
  deposits: CheckedDeposit[];
}

export function checkDepositCertificate(
  json: Uint8Array,
  keys: { courtPublicKey: string; logVerifierKey: string },
  head: CertificateLine[] = [],
): DepositCertificateResult {
  const check = verifyDepositCertificate(json, keys);
  const line = (c: (typeof check.checks)[number]): CertificateLine => ({ name: c.name, ok: c.ok, message: c.message });
  const lines = [...head, ...check.checks.filter((c) => c.deposit === undefined).map(line)];
  const body = check.file?.body ?? null;
  const deposits = (body?.deposits ?? []).map((deposit, i) => {
    const w = check.witnessing[i];
    // Who vouched, in the reader's language (check-list.tsx), like a verification certificate's.
    const own = check.checks
      .filter((c) => c.deposit === i + 1)
      .map(line)
      .map((l) =>
        l.name === 'cosignatures' && l.ok && w
          ? {
              ...l,
              detail: {
                key: 'cosignatures' as const,
                values: { state: w.state, count: w.by.length, of: w.of, quorum: w.quorum, by: w.by },
              },
            }
          : l,
      );
    return {
      deposit,
      ok: own.length > 0 && own.every((l) => l.ok),
      lines: own,
      size: checkpointSizeOf(deposit.tlogProof),
    };
  });
  const ok = check.ok && lines.every((l) => l.ok);
  return { ok, lines, body, deposits };
}
