/**
 * Setting up a court with a setup link, on the shared test database: the link works once, of two
 * submissions at the same moment exactly one creates anything, and a refused submission (weak
 * password, taken address or code, forged link) writes nothing and leaves the link usable.
 * (The empty-database side — `npm start` printing the link, `npx verity admin setup` — is
 * scripts/lib/setup-link.test.ts, on a database of its own.)
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getPool, withTransaction } from '@/lib/db/pool';
import { buildCourt, buildUser, tag } from '@/test/builders';
import { completeSetup, isSetupTokenValid, type SetupInput } from './complete-setup';
import { issueSetupLinkIfEmpty, issueSetupToken } from './setup-links';

const STRONG = 'correct horse battery staple';

function input(overrides: Partial<SetupInput> = {}): SetupInput {
  const t = tag();
  return {
    nameZh: `测试法院${t}`,
    nameEn: `Test Court ${t}`,
    code: `T-${t}`.toUpperCase(),
    publicUrl: 'https://verity.court.example/',
    adminName: '王管理员',
    adminEmail: `admin-${t}@example.com`,
    password: STRONG,
    ...overrides,
  };
}

const newToken = () => withTransaction((client) => issueSetupToken(client));

async function courtByCode(code: string) {
  const { rows } = await getPool().query('SELECT id, public_url FROM courts WHERE code = $1', [code]);
  return rows[0] as { id: string; public_url: string } | undefined;
}

// Sequential: issuing a link ends every earlier one, so tests running side by side would end each other's.
describe.sequential('completeSetup', () => {
  it('creates the court and its first administrator, with a custody-log event, and the link stops working', async () => {
    const token = await newToken();
    expect(await isSetupTokenValid(token)).toBe(true);
    const data = input();
    const result = await completeSetup(token, data);
    const court = await courtByCode(data.code.toUpperCase());
    expect(court?.id).toBe(result.courtId);
    expect(court?.public_url).toBe('https://verity.court.example');
    const { rows: users } = await getPool().query(
      'SELECT role::text AS role, court_id, email FROM users WHERE id = $1',
      [result.adminId],
    );
    expect(users[0]).toEqual({ role: 'admin', court_id: result.courtId, email: data.adminEmail });
    const { rows: events } = await getPool().query(
      "SELECT actor_id FROM audit_events WHERE action = 'court.set_up' AND subject_id = $1",
      [result.courtId],
    );
    expect(events).toEqual([{ actor_id: result.adminId }]);
    expect(await isSetupTokenValid(token)).toBe(false);
    await expect(completeSetup(token, input())).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { reason: 'LINK_INVALID' },
    });
  });

  it('lets exactly one of two simultaneous submissions of one link through', async () => {
    const token = await newToken();
    const [a, b] = [input(), input()];
    const results = await Promise.allSettled([completeSetup(token, a), completeSetup(token, b)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'LINK_INVALID' } });
    const created = [await courtByCode(a.code), await courtByCode(b.code)].filter(Boolean);
    expect(created).toHaveLength(1);
  });

  it('refuses forged and malformed links', async () => {
    for (const token of ['', 'abc', `${'A'.repeat(42)}!`, 'x'.repeat(43), randomUUID()]) {
      await expect(completeSetup(token, input())).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await isSetupTokenValid(token)).toBe(false);
    }
  });

  it('refuses a weak password, a malformed address, a bad URL or code — writing nothing, the link still valid', async () => {
    const token = await newToken();
    const bad: Array<[Partial<SetupInput>, string]> = [
      [{ password: 'short' }, 'password'],
      [{ adminEmail: 'not-an-address' }, 'adminEmail'],
      [{ publicUrl: 'ftp://court.example' }, 'publicUrl'],
      [{ code: 'a b' }, 'code'],
      [{ nameZh: '  ' }, 'nameZh'],
    ];
    for (const [overrides, field] of bad) {
      const data = input(overrides);
      const error = await completeSetup(token, data).catch((e: unknown) => e);
      expect(error, field).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(JSON.stringify((error as { details: unknown }).details)).toContain(field);
    }
    expect(await isSetupTokenValid(token)).toBe(true);
  });

  it('refuses an address that has an account, or a taken court code, and rolls back the court', async () => {
    const token = await newToken();
    const { user } = await buildUser({ role: 'judge' });
    const data = input({ adminEmail: user.email });
    await expect(completeSetup(token, data)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'EMAIL_TAKEN' },
    });
    expect(await courtByCode(data.code)).toBeUndefined();
    const existing = await buildCourt();
    await getPool().query('UPDATE courts SET code = upper(code) WHERE id = $1', [existing.id]);
    await expect(completeSetup(token, input({ code: existing.code.toLowerCase() }))).rejects.toMatchObject({
      details: { reason: 'CODE_TAKEN' },
    });
    expect(await isSetupTokenValid(token)).toBe(true);
  });

  it('ends an earlier link when a new one is issued', async () => {
    const first = await newToken();
    const second = await newToken();
    expect(await isSetupTokenValid(first)).toBe(false);
    expect(await isSetupTokenValid(second)).toBe(true);
  });
});

describe('issueSetupLinkIfEmpty', () => {
  it('issues nothing on a database that has a court', async () => {
    await buildCourt();
    const client = await getPool().connect();
    try {
      expect(await issueSetupLinkIfEmpty(client)).toBeNull();
    } finally {
      client.release();
    }
  });
});
