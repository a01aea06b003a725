/**
 * Exhibits through the domain functions, against the real database and ledger: verdicts from
 * real sealed deposits, the append-only record, and who may do what.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { appendToUpload } from '@/lib/evidence/append-to-upload';
import { createUpload } from '@/lib/evidence/create-upload';
import { buildCourtroom, depositSealed, digestsOf, randomEvidence } from './exhibits.testing';
import { getExhibit } from './get-exhibit';
import { listCaseExhibits } from './list-case-exhibits';
import { describeExhibitFile, openExhibitFile } from './open-exhibit-file';
import { recordDetermination } from './record-determination';
import { recordBrowserVerification } from './record-verification';
import { submitFileExhibit, submitHashOnlyExhibit } from './submit-exhibit';

type Room = Awaited<ReturnType<typeof buildCourtroom>>;

let room: Room;
let original: Uint8Array;
let depositId: string;

beforeAll(async () => {
  room = await buildCourtroom();
  original = randomEvidence();
  depositId = await depositSealed(original);
});

function tamperedCopy(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[100] = (copy[100] ?? 0) ^ 1;
  return copy;
}

async function eventsFor(subjectId: string): Promise<string[]> {
  const { rows } = await getPool().query<{ action: string }>(
    'SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY seq',
    [subjectId],
  );
  return rows.map((r) => r.action);
}

describe('verdicts of hash-only exhibits', () => {
  it('is consistent when the digests equal the named sealed deposit, with a checked proof', async () => {
    const exhibit = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: '合同',
      ...digestsOf(original),
      claimedDepositId: depositId,
    });
    expect(exhibit).toMatchObject({ verdict: 'consistent', depositId });
    const detail = await getExhibit(room.judge.actor, exhibit.id);
    expect(detail.verdict).toBe('consistent');
    expect(detail.kind).toBe('hash_only');
    expect(detail.partyRole).toBe('plaintiff');
    expect(detail.verifications).toHaveLength(1);
    expect(detail.verifications[0]).toMatchObject({ site: 'browser', verdict: 'consistent', matchesRecord: true });
    expect(detail.receipt?.status).toBe('sealed');
    expect(detail.deposit?.recorded.sha256).toBe(digestsOf(original).sha256);
    expect(await eventsFor(exhibit.id)).toEqual(['exhibit.submitted', 'exhibit.verified', 'exhibit.viewed']);
  });

  it('is tampered when one byte differs from the named deposit', async () => {
    const exhibit = await submitHashOnlyExhibit(room.defendant.actor, room.caseA.id, {
      title: '改动过的合同',
      ...digestsOf(tamperedCopy(original)),
      claimedDepositId: depositId,
    });
    expect(exhibit.verdict).toBe('tampered');
    expect(exhibit.depositId).toBe(depositId);
  });

  it('finds the deposit by digest when none is named, and is not_found for a file never deposited', async () => {
    const found = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: 'by digest',
      ...digestsOf(original),
    });
    expect(found).toMatchObject({ verdict: 'consistent', depositId });
    const never = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: 'never deposited',
      ...digestsOf(randomEvidence()),
    });
    expect(never).toMatchObject({ verdict: 'not_found', depositId: null });
  });

  it('refuses an unknown deposit ID and malformed digests, writing nothing', async () => {
    const before = await getPool().query('SELECT count(*)::int AS n FROM exhibits WHERE case_id = $1', [room.caseA.id]);
    await expect(
      submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
        title: 'x',
        ...digestsOf(original),
        claimedDepositId: randomUUID(),
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, { title: 'x', sha256: 'zz', sm3: 'zz' }),
    ).rejects.toThrow();
    await expect(
      submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, { title: '', ...digestsOf(original) }),
    ).rejects.toThrow();
    const after = await getPool().query('SELECT count(*)::int AS n FROM exhibits WHERE case_id = $1', [room.caseA.id]);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('numbers exhibits per case without gaps, even when submitted at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        submitHashOnlyExhibit(room.stranger.actor, room.caseB.id, { title: `n${i}`, ...digestsOf(randomEvidence()) }),
      ),
    );
    expect(results.map((r) => r.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('who may do what', () => {
  let exhibitId: string;
  beforeAll(async () => {
    exhibitId = (
      await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
        title: 'matrix',
        ...digestsOf(original),
        claimedDepositId: depositId,
      })
    ).id;
  });

  it('lets only the case’s parties submit', async () => {
    const input = { title: 't', ...digestsOf(original) };
    await expect(submitHashOnlyExhibit(room.judge.actor, room.caseA.id, input)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(submitHashOnlyExhibit(room.clerk.actor, room.caseA.id, input)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    for (const outsider of [room.stranger, room.otherJudge, room.otherClerk, room.admin]) {
      await expect(submitHashOnlyExhibit(outsider.actor, room.caseA.id, input)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
  });

  it('shows the exhibit to the case’s people and to nobody else (404, not 403)', async () => {
    for (const insider of [room.plaintiff, room.defendant, room.judge, room.clerk]) {
      expect((await getExhibit(insider.actor, exhibitId)).id).toBe(exhibitId);
      expect((await listCaseExhibits(insider.actor, room.caseA.id)).exhibits.some((e) => e.id === exhibitId)).toBe(
        true,
      );
    }
    for (const outsider of [room.stranger, room.otherJudge, room.otherClerk, room.admin]) {
      await expect(getExhibit(outsider.actor, exhibitId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(listCaseExhibits(outsider.actor, room.caseA.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(getExhibit(room.plaintiff.actor, randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getExhibit(room.plaintiff.actor, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets only the case’s judge record a determination, which the parties then see', async () => {
    const input = { outcome: 'accepted', reasoning: '与存证一致，予以采纳。' };
    for (const notJudge of [room.plaintiff, room.defendant, room.clerk]) {
      await expect(recordDetermination(notJudge.actor, exhibitId, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    for (const outsider of [room.otherJudge, room.stranger, room.admin]) {
      await expect(recordDetermination(outsider.actor, exhibitId, input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(
      recordDetermination(room.judge.actor, exhibitId, { outcome: 'maybe', reasoning: 'x' }),
    ).rejects.toThrow();
    await expect(
      recordDetermination(room.judge.actor, exhibitId, { outcome: 'accepted', reasoning: ' ' }),
    ).rejects.toThrow();
    await recordDetermination(room.judge.actor, exhibitId, input);
    await recordDetermination(room.judge.actor, exhibitId, { outcome: 'expert_review', reasoning: '需委托鉴定' });
    const seen = await getExhibit(room.defendant.actor, exhibitId);
    expect(seen.determinations.map((d) => d.outcome)).toEqual(['expert_review', 'accepted']);
    const listed = await listCaseExhibits(room.plaintiff.actor, room.caseA.id);
    expect(listed.exhibits.find((e) => e.id === exhibitId)?.determination?.outcome).toBe('expert_review');
  });

  it('refuses to re-verify a hash-only exhibit in a browser: there are no stored bytes', async () => {
    await expect(recordBrowserVerification(room.judge.actor, exhibitId, digestsOf(original))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(recordBrowserVerification(room.plaintiff.actor, exhibitId, digestsOf(original))).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
    await expect(
      recordBrowserVerification(room.otherJudge.actor, exhibitId, digestsOf(original)),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the record is append-only', () => {
  it('refuses to update or delete exhibits, verifications and determinations', async () => {
    const { id } = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: 'permanent',
      ...digestsOf(original),
    });
    await recordDetermination(room.judge.actor, id, { outcome: 'rejected', reasoning: 'r' });
    for (const sql of [
      'DELETE FROM exhibits WHERE id = $1',
      "UPDATE exhibits SET title = 'changed' WHERE id = $1",
      'DELETE FROM verifications WHERE exhibit_id = $1',
      "UPDATE verifications SET verdict = 'tampered' WHERE exhibit_id = $1",
      'DELETE FROM determinations WHERE exhibit_id = $1',
    ]) {
      await expect(getPool().query(sql, [id]), sql).rejects.toThrow(/append-only/);
    }
    await expect(getPool().query('DELETE FROM cases WHERE id = $1', [room.caseA.id])).rejects.toThrow();
  });
});

describe('file exhibits', () => {
  async function upload(who: Room['plaintiff'], caseId: string, bytes: Uint8Array): Promise<string> {
    const created = await createUpload(who.actor, caseId, {
      fileName: 'evidence.bin',
      mediaType: 'application/octet-stream',
      size: bytes.byteLength,
      ...digestsOf(bytes),
    });
    await appendToUpload(
      who.actor,
      created.id,
      0,
      (async function* () {
        yield bytes;
      })(),
    );
    return created.id;
  }

  it('decides from the server’s own digests; judges re-verify; downloads are custody events, HEAD is not', async () => {
    const uploadId = await upload(room.plaintiff, room.caseA.id, original);
    const exhibit = await submitFileExhibit(room.plaintiff.actor, room.caseA.id, {
      uploadId,
      title: '原件',
      claimedDepositId: depositId,
    });
    expect(exhibit).toMatchObject({ verdict: 'consistent', depositId });
    const detail = await getExhibit(room.judge.actor, exhibit.id, { caseId: room.caseA.id });
    expect(detail.verifications[0]).toMatchObject({ site: 'server', verdict: 'consistent', matchesRecord: true });
    expect(detail.can).toEqual({ reverify: true, determine: true, download: true });

    const again = await recordBrowserVerification(room.judge.actor, exhibit.id, digestsOf(original));
    expect(again).toMatchObject({ site: 'browser', verdict: 'consistent', matchesRecord: true });
    const wrong = await recordBrowserVerification(room.judge.actor, exhibit.id, digestsOf(tamperedCopy(original)));
    expect(wrong).toMatchObject({ verdict: 'tampered', matchesRecord: false });
    // The standing verdict stays the server's.
    expect((await getExhibit(room.plaintiff.actor, exhibit.id)).verdict).toBe('consistent');

    const info = await describeExhibitFile(room.defendant.actor, exhibit.id);
    expect(info).toMatchObject({ size: original.byteLength, sha256: digestsOf(original).sha256 });
    const file = await openExhibitFile(room.defendant.actor, exhibit.id);
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream) chunks.push(chunk as Buffer);
    expect(new Uint8Array(Buffer.concat(chunks))).toEqual(original);
    const events = await eventsFor(exhibit.id);
    expect(events.filter((e) => e === 'exhibit.downloaded')).toHaveLength(1);
    await expect(openExhibitFile(room.stranger.actor, exhibit.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(describeExhibitFile(room.otherClerk.actor, exhibit.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is not found under another case’s address, and that is not recorded as a view', async () => {
    const { id } = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: 'addressed elsewhere',
      ...digestsOf(original),
    });
    await expect(getExhibit(room.judge.actor, id, { caseId: room.caseB.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await eventsFor(id)).not.toContain('exhibit.viewed');
  });

  it('takes only a completed upload of the same case, by the same person, once', async () => {
    const uploadId = await upload(room.plaintiff, room.caseA.id, randomEvidence());
    await expect(
      submitFileExhibit(room.defendant.actor, room.caseA.id, { uploadId, title: 'not mine' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const first = await submitFileExhibit(room.plaintiff.actor, room.caseA.id, { uploadId, title: 'mine' });
    expect(first.verdict).toBe('not_found');
    await expect(
      submitFileExhibit(room.plaintiff.actor, room.caseA.id, { uploadId, title: 'twice' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
