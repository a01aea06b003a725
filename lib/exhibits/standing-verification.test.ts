/**
 * Which verification is an exhibit's standing verdict — the view standing_verifications
 * (prisma/migrations/20261129000000_standing_verifications.sql) — through every reader: the case's
 * exhibit list and the exhibit page (Prisma), and the certificates' sources (SQL). Real exhibits
 * submitted through the domain functions, then later verifications written as rows with the
 * times each case needs (the table is append-only; inserting is what every verification does).
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCertificateSources } from '@/lib/certificates/load-certificate-sources';
import { getDb } from '@/lib/db/client';
import { getPool } from '@/lib/db/pool';
import { appendToUpload } from '@/lib/evidence/append-to-upload';
import { createUpload } from '@/lib/evidence/create-upload';
import { buildCourtroom, depositSealed, digestsOf, randomEvidence } from './exhibits.testing';
import { getExhibit } from './get-exhibit';
import { listCaseExhibits } from './list-case-exhibits';
import { submitFileExhibit, submitHashOnlyExhibit } from './submit-exhibit';

type Room = Awaited<ReturnType<typeof buildCourtroom>>;
type Verdict = 'consistent' | 'tampered' | 'not_found';

let room: Room;
let original: Uint8Array;
let depositId: string;

beforeAll(async () => {
  room = await buildCourtroom();
  original = randomEvidence();
  depositId = await depositSealed(original);
});

async function submitFile(bytes: Uint8Array, title: string): Promise<{ id: string; at: Date }> {
  const upload = await createUpload(room.plaintiff.actor, room.caseA.id, {
    fileName: 'evidence.bin',
    mediaType: 'application/octet-stream',
    size: bytes.byteLength,
    ...digestsOf(bytes),
  });
  await appendToUpload(
    room.plaintiff.actor,
    upload.id,
    0,
    (async function* () {
      yield bytes;
    })(),
  );
  const { id } = await submitFileExhibit(room.plaintiff.actor, room.caseA.id, {
    uploadId: upload.id,
    title,
    claimedDepositId: depositId,
  });
  return { id, at: await firstVerificationAt(id) };
}

async function firstVerificationAt(exhibitId: string): Promise<Date> {
  const { rows } = await getPool().query<{ at: Date }>(
    'SELECT min(created_at) AS at FROM verifications WHERE exhibit_id = $1',
    [exhibitId],
  );
  const at = rows[0]?.at;
  if (!at) throw new Error('the exhibit has no verification');
  return at;
}

/** Records a verification row as record-verification.ts does, at a chosen time and id. */
async function addVerification(
  exhibitId: string,
  v: { site: 'server' | 'browser'; verdict: Verdict; at: Date; id?: string; depositId?: string | null },
): Promise<string> {
  const id = v.id ?? randomUUID();
  const digests = digestsOf(original);
  await getPool().query(
    `INSERT INTO verifications (id, exhibit_id, verified_by, site, sha256, sm3, verdict, deposit_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      id,
      exhibitId,
      room.judge.user.id,
      v.site,
      Buffer.from(digests.sha256, 'hex'),
      Buffer.from(digests.sm3, 'hex'),
      v.verdict,
      v.depositId === undefined ? depositId : v.depositId,
      v.at,
    ],
  );
  return id;
}

const later = (at: Date, ms: number) => new Date(at.getTime() + ms);

/** What each reader says stands for `exhibitId`: [verdict, site, time, verification id where it tells]. */
async function standingByEveryReader(exhibitId: string) {
  const view = await getDb().standingVerification.findUnique({ where: { exhibitId } });
  const list = (await listCaseExhibits(room.judge.actor, room.caseA.id)).exhibits.find((e) => e.id === exhibitId);
  const page = await getExhibit(room.judge.actor, exhibitId);
  const [source] = await loadCertificateSources({ exhibitIds: [exhibitId] });
  return {
    view: view && { verdict: view.verdict, site: view.site, at: view.createdAt.toISOString(), id: view.id },
    list: list && { verdict: list.verdict, site: list.verdictSite, at: list.verifiedAt.toISOString() },
    page: { verdict: page.verdict, depositId: page.deposit?.id ?? null },
    certificate: source?.standing && {
      verdict: source.standing.verdict,
      site: source.standing.site,
      at: source.standing.at.toISOString(),
      depositId: source.depositId,
    },
  };
}

function expectAllAgree(
  readers: Awaited<ReturnType<typeof standingByEveryReader>>,
  want: { verdict: Verdict; site: 'server' | 'browser'; at: Date; id?: string; depositId: string | null },
) {
  const at = want.at.toISOString();
  expect(readers.view).toEqual({ verdict: want.verdict, site: want.site, at, id: want.id ?? expect.any(String) });
  expect(readers.list).toEqual({ verdict: want.verdict, site: want.site, at });
  expect(readers.page).toEqual({ verdict: want.verdict, depositId: want.depositId });
  expect(readers.certificate).toEqual({ verdict: want.verdict, site: want.site, at, depositId: want.depositId });
}

describe('the standing verification, through every reader', () => {
  it('is the latest by the server for a file exhibit; a later browser re-verification never stands', async () => {
    const exhibit = await submitFile(original, 'file, re-verified');
    const serverId = await addVerification(exhibit.id, {
      site: 'server',
      verdict: 'tampered',
      at: later(exhibit.at, 1000),
    });
    // A judge's browser re-verification, later still, stays in the history only.
    await addVerification(exhibit.id, {
      site: 'browser',
      verdict: 'not_found',
      at: later(exhibit.at, 2000),
      depositId: null,
    });
    expectAllAgree(await standingByEveryReader(exhibit.id), {
      verdict: 'tampered',
      site: 'server',
      at: later(exhibit.at, 1000),
      id: serverId,
      depositId,
    });
    // The history shows all three, newest first.
    expect((await getExhibit(room.judge.actor, exhibit.id)).verifications.map((v) => v.site)).toEqual([
      'browser',
      'server',
      'server',
    ]);
  });

  it('is the party’s own (browser) verification for a hash-only exhibit, when it is the latest', async () => {
    const { id } = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: 'hash only',
      ...digestsOf(original),
      claimedDepositId: depositId,
    });
    const at = await firstVerificationAt(id);
    expectAllAgree(await standingByEveryReader(id), { verdict: 'consistent', site: 'browser', at, depositId });

    // A server recheck after it stands in its turn, and a later browser one after that.
    await addVerification(id, { site: 'server', verdict: 'tampered', at: later(at, 1000) });
    expectAllAgree(await standingByEveryReader(id), {
      verdict: 'tampered',
      site: 'server',
      at: later(at, 1000),
      depositId,
    });
    await addVerification(id, { site: 'browser', verdict: 'consistent', at: later(at, 2000) });
    expectAllAgree(await standingByEveryReader(id), {
      verdict: 'consistent',
      site: 'browser',
      at: later(at, 2000),
      depositId,
    });
  });

  it('breaks a same-millisecond tie by the greater id, whatever the order of insertion', async () => {
    const exhibit = await submitFile(original, 'file, tie');
    const at = later(exhibit.at, 5000);
    const suffix = randomUUID().slice(1);
    const high = await addVerification(exhibit.id, { site: 'server', verdict: 'tampered', at, id: `f${suffix}` });
    // Written second, with the smaller id: it does not stand.
    await addVerification(exhibit.id, { site: 'server', verdict: 'not_found', at, id: `0${suffix}`, depositId: null });
    expectAllAgree(await standingByEveryReader(exhibit.id), {
      verdict: 'tampered',
      site: 'server',
      at,
      id: high,
      depositId,
    });
  });

  it('reads one standing verification per exhibit in a case, none for another case', async () => {
    const rows = await getDb().standingVerification.findMany({ where: { exhibit: { caseId: room.caseA.id } } });
    const exhibits = await getDb().exhibit.count({ where: { caseId: room.caseA.id } });
    expect(rows).toHaveLength(exhibits);
    expect(new Set(rows.map((r) => r.exhibitId)).size).toBe(exhibits);
    expect(await getDb().standingVerification.count({ where: { exhibit: { caseId: room.caseB.id } } })).toBe(0);
  });
});
