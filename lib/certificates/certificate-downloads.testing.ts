/**
 * Test support for certificate downloads: a courtroom whose case A has a certificate for each of
 * two exhibits on real sealed deposits, one of them later revoked by the tests that need it.
 */
import { buildCourtroom, depositSealed, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { issueCertificate } from './issue-certificate';

export type Room = Awaited<ReturnType<typeof buildCourtroom>>;

export interface CertifiedExhibit {
  exhibitId: string;
  certificateId: string;
  number: string;
  digests: { sha256: string; sm3: string };
}

/** A hash-only exhibit of `bytes` in case A naming its sealed deposit, certified by the clerk. */
export async function certifiedExhibit(room: Room, title = 'contract'): Promise<CertifiedExhibit> {
  const bytes = randomEvidence(1024);
  const depositId = await depositSealed(bytes);
  const exhibit = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
    title,
    fileName: `${title}.pdf`,
    size: bytes.length,
    ...digestsOf(bytes),
    claimedDepositId: depositId,
  });
  const { id, number } = await issueCertificate(room.clerk.actor, exhibit.id);
  return { exhibitId: exhibit.id, certificateId: id, number, digests: digestsOf(bytes) };
}

export { buildCourtroom };
