/**
 * Seeds the demo case's exhibits through the same path a litigant's browser takes: an upload
 * created, its bytes appended (the server hashes them), and the exhibit submitted, so the demo
 * verdicts are computed exactly as real ones are. Runs after the demo deposits are queued: it
 * seals them first. Idempotent: a case that has exhibits is left alone.
 *
 * Needs DATABASE_URL, VERITY_LOG_SIGNER_KEY and the evidence store settings in process.env,
 * as the portal has them (lib/db, lib/ledger and lib/evidence read them there).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getDb } from '../../lib/db/client';
import { appendToUpload } from '../../lib/evidence/append-to-upload';
import { createUpload } from '../../lib/evidence/create-upload';
import { submitFileExhibit } from '../../lib/exhibits/submit-exhibit';
import { getSequencer } from '../../lib/ledger/sequencer';
import { DEMO_CASES, DEMO_DEPOSITOR, DEMO_EXHIBITS } from './demo-data';
import { DEMO_FILES_DIR } from './seed-demo-ledger';

const MEDIA_TYPES: Record<string, string> = { '.pdf': 'application/pdf', '.png': 'image/png', '.txt': 'text/plain' };

export async function seedDemoExhibits(): Promise<{ exhibitsCreated: number }> {
  const db = getDb();
  const cases = await db.case.findMany({
    where: { caseNumber: { in: DEMO_CASES.map((c) => c.caseNumber) } },
    select: { id: true, caseNumber: true, _count: { select: { exhibits: true } } },
  });
  // Only cases still without exhibits are seeded (a second run, or a case someone already used, is left alone).
  const fresh = new Map(cases.filter((c) => c._count.exhibits === 0).map((c) => [c.caseNumber, c.id]));
  if (fresh.size === 0) return { exhibitsCreated: 0 };

  // The demo deposits were queued a moment ago: seal them, so the verdicts below are final.
  await getSequencer().flushQueue();
  const org = await db.depositorOrg.findUniqueOrThrow({ where: { name: DEMO_DEPOSITOR.name }, select: { id: true } });

  let exhibitsCreated = 0;
  for (const demo of DEMO_EXHIBITS) {
    const caseId = fresh.get(demo.caseNumber);
    if (!caseId) continue;
    await submitDemoExhibit(caseId, demo, org.id);
    exhibitsCreated++;
  }
  return { exhibitsCreated };
}

/**
 * One demo exhibit submitted to `caseId` as its party's browser would (upload, server hash,
 * submission), naming the demo deposit of the file it claims. The e2e specs use it too, to give
 * a case of their own the demo case's evidence (e2e/data/make-data.ts).
 */
export async function submitDemoExhibit(
  caseId: string,
  demo: (typeof DEMO_EXHIBITS)[number],
  depositorOrgId: string,
): Promise<{ id: string; verdict: string }> {
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({
    where: { email: demo.by },
    select: { id: true, email: true, name: true, role: true, courtId: true, depositorOrgId: true },
  });
  const bytes = new Uint8Array(await readFile(path.join(DEMO_FILES_DIR, demo.file)));
  if (demo.flipByteAt !== null) bytes[demo.flipByteAt] = (bytes[demo.flipByteAt] ?? 0) ^ 0x01;
  let claimedDepositId = '';
  if (demo.claimsDepositOf) {
    const original = await readFile(path.join(DEMO_FILES_DIR, demo.claimsDepositOf));
    const sha256 = createHash('sha256').update(original).digest();
    const deposit = await db.deposit.findFirstOrThrow({
      where: { orgId: depositorOrgId, sha256 },
      select: { id: true },
    });
    claimedDepositId = deposit.id;
  }
  const upload = await createUpload(user, caseId, {
    fileName: demo.file,
    mediaType: MEDIA_TYPES[path.extname(demo.file)] ?? 'application/octet-stream',
    size: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sm3: createHash('sm3').update(bytes).digest('hex'),
  });
  await appendToUpload(
    user,
    upload.id,
    0,
    (async function* () {
      yield bytes;
    })(),
  );
  const exhibit = await submitFileExhibit(user, caseId, { uploadId: upload.id, title: demo.title, claimedDepositId });
  return { id: exhibit.id, verdict: exhibit.verdict };
}
