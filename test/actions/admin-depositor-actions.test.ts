/**
 * Acceptance (issue #16): an API key issued through the admin page's form deposits through the
 * deposit API; revoked through the same page, it is refused. The admin depositor forms'
 * server actions as the page posts them, on the real database; only the session lookup and
 * Next.js's cache are replaced. The deposit goes through the API's route handler (lib/ledger/http).
 */
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createApiKeyAction,
  createDepositorOrgAction,
  renameDepositorOrgAction,
  revokeApiKeyAction,
  setApiKeyLimitsAction,
} from '@/app/(portal)/admin/depositors/actions';
import { POST as postDeposits } from '@/app/api/v1/deposits/route';
import { type AdminFormState, INITIAL_FORM_STATE } from '@/components/admin/form-state';
import type { Actor } from '@/lib/auth/actor';
import { requireUser } from '@/lib/auth/session';
import { getPool } from '@/lib/db/pool';
import { getDepositorOrg } from '@/lib/depositors/search-depositor-orgs';
import { buildUser, tag } from '@/test/builders';

vi.mock('@/lib/auth/session', () => ({ requireUser: vi.fn(), getCurrentUser: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

let signedIn: Actor;

beforeEach(async () => {
  signedIn = (await buildUser({ role: 'admin' })).actor;
  vi.mocked(requireUser).mockImplementation(async () => signedIn);
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

async function submit(
  action: (s: AdminFormState, f: FormData) => Promise<AdminFormState>,
  fields: Record<string, string>,
): Promise<AdminFormState> {
  return action(INITIAL_FORM_STATE, form(fields));
}

function deposit(key: string) {
  return postDeposits(
    new Request('http://verity.test/api/v1/deposits', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ digests: { sha256: randomBytes(32).toString('hex') } }),
    }),
  );
}

async function newOrg(): Promise<string> {
  const name = `Org ${tag()}`;
  const created = await submit(createDepositorOrgAction, { name });
  expect(created.errors).toEqual([]);
  const id = created.done?.params?.id;
  if (!id) throw new Error('no organisation id');
  return id;
}

describe('an API key from the admin page', () => {
  it('deposits through the API, counts and records its use; revoked on the page, it is refused', async () => {
    const orgId = await newOrg();
    const created = await submit(createApiKeyAction, { orgId, label: 'case system' });
    expect(created).toMatchObject({ errors: [], done: { key: 'keyCreated', params: { label: 'case system' } } });
    const key = created.done?.params?.secret ?? '';
    expect(key).toMatch(/^vrt_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$/);

    const accepted = await deposit(key);
    expect(accepted.status).toBe(201);
    expect((await getDepositorOrg(signedIn, orgId))?.depositCount).toBe(1);
    // The last use is written without holding up the request.
    await expect
      .poll(async () => {
        const { rows } = await getPool().query('SELECT last_used_at FROM api_keys WHERE org_id = $1', [orgId]);
        return (rows[0] as { last_used_at: Date | null }).last_used_at;
      })
      .toBeInstanceOf(Date);

    const { rows } = await getPool().query<{ id: string }>('SELECT id FROM api_keys WHERE org_id = $1', [orgId]);
    const revoked = await submit(revokeApiKeyAction, { orgId, apiKeyId: rows[0]?.id ?? '' });
    expect(revoked).toMatchObject({ errors: [], done: { key: 'keyRevoked' } });
    const refused = await deposit(key);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('KEY_REVOKED');
    expect((await getDepositorOrg(signedIn, orgId))?.depositCount).toBe(1);
    const { rows: events } = await getPool().query(
      'SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY seq',
      [rows[0]?.id],
    );
    expect(events.map((e) => (e as { action: string }).action)).toEqual([
      'depositor.api_key_created',
      'depositor.api_key_revoked',
    ]);
  });

  it('is refused to anyone but an administrator, and nothing is issued', async () => {
    const orgId = await newOrg();
    signedIn = (await buildUser({ role: 'clerk' })).actor;
    const refused = await submit(createApiKeyAction, { orgId, label: 'x' });
    expect(refused.errors).toEqual([{ key: 'FORBIDDEN' }]);
    expect(refused.done).toBeUndefined();
    const { rows } = await getPool().query('SELECT 1 FROM api_keys WHERE org_id = $1', [orgId]);
    expect(rows).toHaveLength(0);
  });

  it('explains a duplicate organisation name and an empty label by field', async () => {
    const orgId = await newOrg();
    const other = await newOrg();
    const org = await getDepositorOrg(signedIn, other);
    expect((await submit(renameDepositorOrgAction, { orgId, name: org?.name ?? '' })).errors).toEqual([
      { key: 'reason.ORG_NAME_TAKEN', field: 'name' },
    ]);
    expect((await submit(createApiKeyAction, { orgId, label: '  ' })).errors).toEqual([
      { key: 'field.label', field: 'label' },
    ]);
    const renamed = await submit(renameDepositorOrgAction, { orgId, name: `Renamed ${tag()}` });
    expect(renamed.done?.key).toBe('orgRenamed');
  });
});

describe('an API key’s deposit limits on the admin page (issue #21)', () => {
  async function issuedKey(): Promise<{ orgId: string; apiKeyId: string; key: string }> {
    const orgId = await newOrg();
    const created = await submit(createApiKeyAction, { orgId, label: 'limited' });
    const { rows } = await getPool().query<{ id: string }>('SELECT id FROM api_keys WHERE org_id = $1', [orgId]);
    return { orgId, apiKeyId: rows[0]?.id ?? '', key: created.done?.params?.secret ?? '' };
  }

  it('sets a daily quota the deposit API then enforces (429), audited; empty fields are the defaults', async () => {
    const { orgId, apiKeyId, key } = await issuedKey();
    const set = await submit(setApiKeyLimitsAction, {
      orgId,
      apiKeyId,
      ratePerMinute: '',
      burst: ' ',
      dailyQuota: '1',
    });
    expect(set).toMatchObject({
      errors: [],
      done: { key: 'limitsSet', params: { label: 'limited' } },
      values: { ratePerMinute: '', burst: '', dailyQuota: '1' },
    });
    expect((await deposit(key)).status).toBe(201);
    const refused = await deposit(key);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await getDepositorOrg(signedIn, orgId))?.depositCount).toBe(1);
    const { rows } = await getPool().query('SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY seq', [
      apiKeyId,
    ]);
    expect(rows.map((e) => (e as { action: string }).action)).toEqual([
      'depositor.api_key_created',
      'depositor.api_key_limits_set',
    ]);
  });

  it('explains a value that is not a whole number of at least 1 by field, and refuses anyone but an administrator', async () => {
    const { orgId, apiKeyId } = await issuedKey();
    const bad = await submit(setApiKeyLimitsAction, {
      orgId,
      apiKeyId,
      ratePerMinute: 'ten',
      burst: '0',
      dailyQuota: '',
    });
    expect(bad.errors).toEqual([
      { key: 'field.ratePerMinute', field: 'ratePerMinute' },
      { key: 'field.burst', field: 'burst' },
    ]);
    signedIn = (await buildUser({ role: 'clerk' })).actor;
    const refused = await submit(setApiKeyLimitsAction, {
      orgId,
      apiKeyId,
      ratePerMinute: '',
      burst: '',
      dailyQuota: '5',
    });
    expect(refused.errors).toEqual([{ key: 'FORBIDDEN' }]);
    const { rows } = await getPool().query('SELECT daily_quota FROM api_keys WHERE id = $1', [apiKeyId]);
    expect(rows).toEqual([{ daily_quota: null }]);
  });
});
