/** Test support for exhibits: a case with every kind of person, and real sealed deposits. */
import { createHash, randomBytes } from 'node:crypto';
import { acceptDeposits } from '@/lib/ledger/accept-deposits';
import { buildDepositorOrg } from '@/lib/ledger/ledger.testing';
import { buildCase, buildCourt, buildUser } from '@/test/builders';

export function digestsOf(bytes: Uint8Array): { sha256: string; sm3: string } {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sm3: createHash('sm3').update(bytes).digest('hex'),
  };
}

/** Deposits `bytes` on the ledger and waits until the deposit is sealed; returns its ID. */
export async function depositSealed(bytes: Uint8Array, title = 'test evidence'): Promise<string> {
  const org = await buildDepositorOrg();
  const { receipts } = await acceptDeposits({
    org,
    requests: [{ digests: digestsOf(bytes), title }],
    wait: true,
  });
  const receipt = receipts[0];
  if (receipt?.status !== 'sealed') throw new Error('the test deposit was not sealed');
  return receipt.id;
}

/**
 * Case A with a plaintiff, a defendant, a judge and a clerk of its court; case B, elsewhere in
 * the same court, whose only party is `stranger`; a judge of another case; an administrator.
 */
export async function buildCourtroom() {
  const court = await buildCourt();
  const plaintiff = await buildUser({ role: 'litigant' });
  const defendant = await buildUser({ role: 'litigant' });
  const stranger = await buildUser({ role: 'litigant' });
  const judge = await buildUser({ role: 'judge', courtId: court.id });
  const otherJudge = await buildUser({ role: 'judge', courtId: court.id });
  const clerk = await buildUser({ role: 'clerk', courtId: court.id });
  const otherCourt = await buildCourt();
  const otherClerk = await buildUser({ role: 'clerk', courtId: otherCourt.id });
  const admin = await buildUser({ role: 'admin' });
  const caseA = await buildCase(court.id, [
    { userId: plaintiff.user.id, role: 'plaintiff' },
    { userId: defendant.user.id, role: 'defendant' },
    { userId: judge.user.id, role: 'judge' },
    { userId: clerk.user.id, role: 'clerk' },
  ]);
  const caseB = await buildCase(court.id, [
    { userId: stranger.user.id, role: 'plaintiff' },
    { userId: otherJudge.user.id, role: 'judge' },
  ]);
  return { court, plaintiff, defendant, stranger, judge, otherJudge, clerk, otherClerk, admin, caseA, caseB };
}

export function randomEvidence(size = 4096): Uint8Array {
  return new Uint8Array(randomBytes(size));
}
