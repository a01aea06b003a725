/**
 * What each passed check of a certificate established, as data the page words in the reader's
 * language (messages `certificate.check.detail.*`): the checker's own messages are English and
 * technical, so a Chinese page shows these instead, inside its "technical details" disclosure.
 * A failed check keeps the checker's message (marked as English): it is for whoever investigates.
 *
 * @module
 */
import type { CertificateCheck } from './verify-certificate';

export type CheckDetail =
  | { key: 'format'; values: { number: string } }
  | { key: 'signature'; values: { keyId: string } }
  | { key: 'court_key'; values: { keyId: string; pinned: 'yes' | 'no' } }
  | { key: 'leaf'; values: { depositor: string; time: string } }
  | { key: 'digests_match_leaf'; values: { verdict: 'tampered' | 'other' } }
  | { key: 'checkpoint_signature'; values: { size: number; source: 'pinned' | 'certificate' } }
  | { key: 'inclusion_proof'; values: { index: number; record: number; size: number } }
  | { key: 'witness_keys'; values: { count: number } }
  | {
      key: 'cosignatures';
      values: {
        state: 'witnessed' | 'not_witnessed';
        count: number;
        of: number;
        quorum: number;
        /** Who vouched, in the policy's order: the page names them in its language. */
        by: { name: string; nameEn?: string }[];
      };
    }
  | { key: 'served'; values: { id: string } };

/** The details of the passed checks of `check`, by check name. */
export function checkDetails(
  check: Pick<CertificateCheck, 'file' | 'courtKey' | 'logKey'> & Partial<Pick<CertificateCheck, 'witnessing'>>,
  checkpointSize: number | null,
): Partial<Record<string, CheckDetail>> {
  const body = check.file?.body;
  if (!body) return {};
  const out: Partial<Record<string, CheckDetail>> = {
    format: { key: 'format', values: { number: body.number } },
  };
  if (check.courtKey) {
    out.signature = { key: 'signature', values: { keyId: check.courtKey.keyId } };
    out.court_key = {
      key: 'court_key',
      values: { keyId: check.courtKey.keyId, pinned: check.courtKey.pinned ? 'yes' : 'no' },
    };
  }
  const deposit = body.deposit;
  if (deposit) {
    out.leaf = { key: 'leaf', values: { depositor: deposit.depositor.name, time: deposit.depositedAt } };
    out.digests_match_leaf = {
      key: 'digests_match_leaf',
      values: { verdict: body.verdict === 'tampered' ? 'tampered' : 'other' },
    };
    if (checkpointSize !== null && check.logKey) {
      out.checkpoint_signature = {
        key: 'checkpoint_signature',
        values: { size: checkpointSize, source: check.logKey.source },
      };
      if (deposit.leafIndex !== null) {
        out.inclusion_proof = {
          key: 'inclusion_proof',
          values: { index: deposit.leafIndex, record: deposit.leafIndex + 1, size: checkpointSize },
        };
      }
    }
  }
  if (body.version === 2) {
    out.witness_keys = { key: 'witness_keys', values: { count: body.witnessPolicy.witnesses.length } };
  }
  const w = check.witnessing;
  if (w) {
    out.cosignatures = {
      key: 'cosignatures',
      values: { state: w.state, count: w.by.length, of: w.of, quorum: w.quorum, by: w.by },
    };
  }
  out.served = { key: 'served', values: { id: body.id } };
  return out;
}
