/**
 * The certificate server actions (app/(portal)/cases/[caseId]/certificates/actions.ts) as forms
 * post them, on the real database; only the session lookup and Next.js's cache are replaced.
 * They are public endpoints: a party or a stranger gets a refusal, never a certificate.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  issueCaseCertificatesAction,
  issueCertificateAction,
  revokeCertificateAction,
} from '@/app/(portal)/cases/[caseId]/certificates/actions';
import type { Actor } from '@/lib/auth/actor';
import { getCurrentUser } from '@/lib/auth/session';
import { buildCourtroom, type Room } from '@/lib/certificates/certificate-downloads.testing';
import { getCertificateStatus } from '@/lib/certificates/get-certificate-status';
import { depositSealed, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import { buildCase } from '@/test/builders';

vi.mock('@/lib/auth/session', () => ({ getCurrentUser: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

let room: Room;
let signedIn: Actor | null;

beforeAll(async () => {
  room = await buildCourtroom();
});

beforeEach(() => {
  signedIn = room.clerk.actor;
  vi.mocked(getCurrentUser).mockImplementation(async () => signedIn);
});

async function exhibit(caseId = room.caseA.id, deposited = true) {
  const bytes = randomEvidence(512);
  const claimedDepositId = deposited ? await depositSealed(bytes) : undefined;
  return submitHashOnlyExhibit(room.plaintiff.actor, caseId, {
    title: 'exhibit',
    ...digestsOf(bytes),
    ...(claimedDepositId ? { claimedDepositId } : {}),
  });
}

function form(fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

describe('issueCertificateAction', () => {
  it('issues for a clerk; refuses a party (FORBIDDEN), a stranger (NOT_FOUND) and no session', async () => {
    const { id } = await exhibit();
    for (const [who, code] of [
      [room.plaintiff.actor, 'FORBIDDEN'],
      [room.stranger.actor, 'NOT_FOUND'],
      [null, 'UNAUTHENTICATED'],
    ] as const) {
      signedIn = who;
      expect((await issueCertificateAction(id, {}, form())).result).toMatchObject({ ok: false, code });
    }
    signedIn = room.clerk.actor;
    const { result } = await issueCertificateAction(id, {}, form());
    expect(result).toMatchObject({ ok: true, data: { number: expect.stringMatching(/^VC-\d{4}-\d{6}$/) } });
    // A second certificate while one stands is a conflict, said plainly.
    expect((await issueCertificateAction(id, {}, form())).result).toMatchObject({ ok: false, code: 'CONFLICT' });
  });
});

describe('issueCaseCertificatesAction', () => {
  it('issues for every exhibit without a valid certificate and lists the others with the reason', async () => {
    const caseId = (
      await buildCase(room.court.id, [
        { userId: room.plaintiff.user.id, role: 'plaintiff' },
        { userId: room.clerk.user.id, role: 'clerk' },
      ])
    ).id;
    const a = await exhibit(caseId);
    const b = await exhibit(caseId, false);
    const first = await issueCaseCertificatesAction(caseId, {}, form());
    expect(first.result?.ok && first.result.data.issued.map((c) => c.exhibitId).sort()).toEqual([a.id, b.id].sort());
    const again = await issueCaseCertificatesAction(caseId, {}, form());
    expect(again.result).toMatchObject({ ok: true, data: { issued: [] } });
    expect(again.result?.ok && again.result.data.skipped.map((s) => s.reason)).toEqual([
      'already_certified',
      'already_certified',
    ]);
    signedIn = room.judge.actor;
    expect((await issueCaseCertificatesAction(caseId, {}, form())).result).toMatchObject({ ok: false });
  });
});

describe('revokeCertificateAction', () => {
  it('needs the confirmation and a reason, then revokes with the reason shown publicly', async () => {
    const { id: exhibitId } = await exhibit();
    const issued = await issueCertificateAction(exhibitId, {}, form());
    if (!issued.result?.ok) throw new Error('not issued');
    const certificateId = issued.result.data.id;

    expect((await revokeCertificateAction(certificateId, {}, form({ reason: 'typo' }))).result).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      message: 'Confirm that the certificate is to be revoked.',
    });
    expect(
      (await revokeCertificateAction(certificateId, {}, form({ reason: '   ', confirm: 'yes' }))).result,
    ).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: 'Give the reason for revoking the certificate' });
    signedIn = room.defendant.actor;
    expect(
      (await revokeCertificateAction(certificateId, {}, form({ reason: 'mine', confirm: 'yes' }))).result,
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((await getCertificateStatus(certificateId)).state).toBe('valid');

    signedIn = room.clerk.actor;
    const done = await revokeCertificateAction(certificateId, {}, form({ reason: '证据编号有误', confirm: 'yes' }));
    expect(done.result).toEqual({ ok: true, data: { number: issued.result.data.number } });
    expect(await getCertificateStatus(certificateId)).toMatchObject({
      state: 'revoked',
      revocation: { reason: '证据编号有误' },
    });
  });
});
