/**
 * Storage quotas (issue #21, finding 2), through createUpload: a person's uploads not yet
 * exhibits, a case's exhibits and uploads, refused with 413 / 409 and a message saying what is
 * used and allowed. Each test lowers the quotas for itself and makes its own people and cases.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addMember } from '@/lib/cases/docket.testing';
import { AppError } from '@/lib/errors/app-error';
import { submitFileExhibit } from '@/lib/exhibits/submit-exhibit';
import { buildCase, buildUser } from '@/test/builders';
import { appendToUpload } from './append-to-upload';
import { cancelUpload } from './cancel-upload';
import { createUpload } from './create-upload';
import { buildUploader, chunked, randomFile } from './evidence.testing';

afterEach(() => {
  vi.unstubAllEnvs();
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw error;
  return error;
}

async function completed(uploader: Awaited<ReturnType<typeof buildUploader>>, size: number) {
  const { bytes, declare } = randomFile(size);
  const upload = await createUpload(uploader.actor, uploader.caseId, declare);
  await appendToUpload(uploader.actor, upload.id, 0, chunked(bytes));
  return upload;
}

describe('storage quotas', () => {
  it("refuses a person's upload over their quota with 413, counting uploads in progress and completed", async () => {
    vi.stubEnv('VERITY_PERSON_QUOTA_BYTES', '10000');
    const person = await buildUploader();
    const open = await createUpload(person.actor, person.caseId, randomFile(6000).declare);

    const error = await refusal(createUpload(person.actor, person.caseId, randomFile(5000).declare));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.status).toBe(413);
    expect(error.details).toEqual({ quota: 'person', usedBytes: 6000, allowedBytes: 10000, fileBytes: 5000 });
    expect(error.message).toBe(
      'Your uploads not yet submitted as exhibits hold 5.9 KiB of the 9.8 KiB you may use; this file (4.9 KiB) does not fit. Submit or cancel the uploads you started, or ask the court to raise your storage limit.',
    );
    // Exactly up to the quota is allowed.
    await cancelUpload(person.actor, (await createUpload(person.actor, person.caseId, randomFile(4000).declare)).id);

    // A completed upload still holds its bytes; cancelling it gives them back.
    await cancelUpload(person.actor, open.id);
    const done = await completed(person, 6000);
    expect((await refusal(createUpload(person.actor, person.caseId, randomFile(5000).declare))).details).toMatchObject({
      quota: 'person',
      usedBytes: 6000,
    });
    await cancelUpload(person.actor, done.id);
    await cancelUpload(person.actor, (await createUpload(person.actor, person.caseId, randomFile(5000).declare)).id);
  });

  it("does not count a person's exhibits against them: they are the case's", async () => {
    vi.stubEnv('VERITY_PERSON_QUOTA_BYTES', '10000');
    const person = await buildUploader();
    const upload = await completed(person, 6000);
    await submitFileExhibit(person.actor, person.caseId, { uploadId: upload.id, title: 'Contract' });
    const next = await createUpload(person.actor, person.caseId, randomFile(5000).declare);
    expect(next.status).toBe('open');
  });

  it("refuses an upload to a full case with 409, counting every party's uploads and the exhibits' files", async () => {
    vi.stubEnv('VERITY_CASE_QUOTA_BYTES', '10000');
    const plaintiff = await buildUploader();
    const { actor: defendant } = await buildUser({ role: 'litigant' });
    await addMember(plaintiff.caseId, defendant.id, 'defendant');

    const exhibit = await completed(plaintiff, 4000);
    await submitFileExhibit(plaintiff.actor, plaintiff.caseId, { uploadId: exhibit.id, title: 'Invoice' });
    await createUpload(plaintiff.actor, plaintiff.caseId, randomFile(3000).declare);

    const error = await refusal(createUpload(defendant, plaintiff.caseId, randomFile(3001).declare));
    expect(error.code).toBe('CONFLICT');
    expect(error.status).toBe(409);
    expect(error.details).toEqual({ quota: 'case', usedBytes: 7000, allowedBytes: 10000, fileBytes: 3001 });
    expect(error.message).toBe(
      "This case's evidence files and uploads hold 6.8 KiB of the 9.8 KiB the case may use; this file (2.9 KiB) does not fit. Ask the court to raise the case's storage limit.",
    );
    expect((await createUpload(defendant, plaintiff.caseId, randomFile(3000).declare)).status).toBe('open');

    // Another case of the same person is not affected.
    const elsewhere = await buildUploader();
    expect((await createUpload(elsewhere.actor, elsewhere.caseId, randomFile(9000).declare)).status).toBe('open');
  });

  it('lets uploads started at the same moment fill a quota but never pass it', async () => {
    vi.stubEnv('VERITY_PERSON_QUOTA_BYTES', '10000');
    // One person, six cases: only the person's quota can stop them.
    const person = await buildUploader();
    const cases = await Promise.all(
      Array.from({ length: 6 }, () => buildCase(person.courtId, [{ userId: person.actor.id, role: 'plaintiff' }])),
    );
    const byPerson = await Promise.allSettled(
      cases.map((kase) => createUpload(person.actor, kase.id, randomFile(3000).declare)),
    );
    expect(byPerson.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of byPerson) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    }

    // Six people, one case: only the case's quota can stop them.
    vi.stubEnv('VERITY_PERSON_QUOTA_BYTES', '');
    vi.stubEnv('VERITY_CASE_QUOTA_BYTES', '10000');
    const people = await Promise.all(Array.from({ length: 6 }, () => buildUser({ role: 'litigant' })));
    const kase = await buildCase(
      person.courtId,
      people.map(({ actor }) => ({ userId: actor.id, role: 'plaintiff' as const })),
    );
    const byCase = await Promise.allSettled(
      people.map(({ actor }) => createUpload(actor, kase.id, randomFile(3000).declare)),
    );
    expect(byCase.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of byCase) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'CONFLICT' });
    }
  });
});
