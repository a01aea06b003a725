/**
 * People for runs against a cluster (test/cluster): a litigant in a case of a court (to upload
 * evidence and open the case page) and a depositor account of the cluster's organisation (to
 * download deposit certificates), written with plain SQL into the cluster's database (the test
 * process's Prisma client points at the suite's database, not the cluster's), then signed in
 * over HTTP as the sign-in form does.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import { cookieHeader, postCredentials } from '../cluster/sign-in';
import { withClient } from './soak.testing';

export interface PortalPeople {
  caseId: string;
  litigant: { email: string; password: string };
  depositor: { email: string; password: string };
}

export async function createPortalPeople(databaseUrl: string, depositorOrgId: string): Promise<PortalPeople> {
  const tag = randomBytes(4).toString('hex');
  const password = `soak-${randomUUID()}`;
  const passwordHash = await hashPassword(password);
  const courtId = randomUUID();
  const caseId = randomUUID();
  const litigantId = randomUUID();
  const litigant = { email: `litigant-${tag}@soak.test`, password };
  const depositor = { email: `depositor-${tag}@soak.test`, password };
  await withClient(databaseUrl, async (db) => {
    await db.query('INSERT INTO courts (id, code, name_zh, name_en) VALUES ($1, $2, $3, $4)', [
      courtId,
      `SOAK-${tag}`,
      `测试法院${tag}`,
      `Soak Court ${tag}`,
    ]);
    await db.query(
      `INSERT INTO users (id, email, name, role, password_hash, locale) VALUES ($1, $2, 'Soak litigant', 'litigant', $3, 'en')`,
      [litigantId, litigant.email, passwordHash],
    );
    await db.query(
      `INSERT INTO users (id, email, name, role, password_hash, locale, depositor_org_id)
       VALUES ($1, $2, 'Soak depositor', 'depositor', $3, 'en', $4)`,
      [randomUUID(), depositor.email, passwordHash, depositorOrgId],
    );
    await db.query(
      `INSERT INTO cases (id, court_id, case_number, title, cause_of_action) VALUES ($1, $2, $3, 'Soak case', 'Soak')`,
      [caseId, courtId, `（2026）测0491民初${tag}号`],
    );
    await db.query(`INSERT INTO case_members (case_id, user_id, role) VALUES ($1, $2, 'plaintiff')`, [
      caseId,
      litigantId,
    ]);
  });
  return { caseId, litigant, depositor };
}

/** Signs in at `url` and answers the Cookie header of the session. */
export async function signIn(url: string, who: { email: string; password: string }): Promise<string> {
  const { response, cookies } = await postCredentials(url, who);
  if (![200, 302].includes(response.status) || ![...cookies.keys()].some((k) => k.includes('session-token'))) {
    throw new Error(`signing in ${who.email} at ${url} answered ${response.status} without a session`);
  }
  return cookieHeader(cookies);
}
