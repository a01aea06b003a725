/**
 * The plain-text rule through the real domain functions on the real database (issue #21, finding
 * 5): a NUL had reached PostgreSQL (which refuses it in text: INTERNAL) and a bidi override had
 * been stored. Each must now be VALIDATION_FAILED (HTTP 422), and nothing written.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { updateOwnAccount } from '@/lib/auth/update-own-account';
import { createCase } from '@/lib/cases/create-case';
import { getPool } from '@/lib/db/pool';
import { errorResult } from '@/lib/errors/http';
import { createUpload } from '@/lib/evidence/create-upload';
import { buildCourtroom, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { recordDetermination } from '@/lib/exhibits/record-determination';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';

type Room = Awaited<ReturnType<typeof buildCourtroom>>;
let room: Room;

beforeAll(async () => {
  room = await buildCourtroom();
});

/** How the API would answer what `promise` threw: status and code (INTERNAL for what reached the database). */
async function answer(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await promise;
  } catch (error) {
    const { status, body } = errorResult(error);
    return { status, code: (body as { error: { code: string } }).error.code };
  }
  return { status: 200, code: 'ACCEPTED' };
}

const REFUSED = { status: 422, code: 'VALIDATION_FAILED' };

describe('text with NUL or a bidi override, through the domain functions', () => {
  it('refuses an exhibit title or file name with NUL or U+202E, storing no exhibit', async () => {
    const title = `invoice-${randomUUID()}`;
    for (const input of [
      { title: `${title}\u0000` },
      { title: `${title}\u202eexe.fdp` },
      { title, fileName: 'invoice\u202efdp.exe' },
      { title, fileName: 'invoice\u0000.pdf' },
    ]) {
      const submitted = submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
        ...input,
        ...digestsOf(randomEvidence()),
      });
      expect({ input, ...(await answer(submitted)) }).toEqual({ input, ...REFUSED });
    }
    const { rowCount } = await getPool().query('SELECT 1 FROM exhibits WHERE case_id = $1 AND title LIKE $2', [
      room.caseA.id,
      `${title}%`,
    ]);
    expect(rowCount).toBe(0);
  });

  it('refuses an upload whose file name hides its extension behind U+202E', async () => {
    const bytes = randomEvidence(16);
    for (const fileName of ['invoice\u202efdp.exe', 'invoice\u0000.pdf', 'a\u2066b.pdf']) {
      const created = createUpload(room.plaintiff.actor, room.caseA.id, {
        fileName,
        mediaType: 'application/pdf',
        size: bytes.length,
        ...digestsOf(bytes),
      });
      expect({ fileName, ...(await answer(created)) }).toEqual({ fileName, ...REFUSED });
    }
  });

  it('refuses a determination whose reasoning holds NUL, and keeps one with line breaks', async () => {
    const exhibit = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: '合同',
      ...digestsOf(randomEvidence()),
    });
    for (const reasoning of ['与存证一致\u0000', '予以采纳\u202e', '第一\u2028第二']) {
      const recorded = recordDetermination(room.judge.actor, exhibit.id, { outcome: 'accepted', reasoning });
      expect({ reasoning, ...(await answer(recorded)) }).toEqual({ reasoning, ...REFUSED });
    }
    await recordDetermination(room.judge.actor, exhibit.id, { outcome: 'accepted', reasoning: '第一段\r\n\t第二段' });
    const { rows } = await getPool().query<{ reasoning: string }>(
      'SELECT reasoning FROM determinations WHERE exhibit_id = $1',
      [exhibit.id],
    );
    expect(rows.map((r) => r.reasoning)).toEqual(['第一段\n\t第二段']);
  });

  it('refuses a case title and a person’s own name with NUL or a bidi override', async () => {
    for (const title of ['张三诉李四\u0000', '张三诉李四\u202e']) {
      const opened = createCase(room.clerk.actor, {
        caseNumber: `（2026）京0491民初${Math.floor(Math.random() * 9_000_000) + 1}号`,
        title,
        causeOfAction: '合同纠纷',
      });
      expect({ title, ...(await answer(opened)) }).toEqual({ title, ...REFUSED });
    }
    for (const name of ['张三\u0000', '张三\u202e', '张\ufeff三']) {
      expect({ name, ...(await answer(updateOwnAccount(room.plaintiff.actor, { name, locale: 'zh-CN' }))) }).toEqual({
        name,
        ...REFUSED,
      });
    }
  });
});
