/**
 * The court's sign-in configuration is one row for the portal: every test that writes it is in
 * this file, which runs its tests one after another.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db/client';
import { isAppError } from '@/lib/errors/app-error';
import { buildUser } from '@/test/builders';
import { authOptionsForRequest } from './auth-options-for-request';
import { getOidcConfig, loadOidcClientConfig } from './get-oidc-config';
import { type SetOidcConfigOptions, setOidcConfig } from './set-oidc-config';

const SESSION_SECRET = 'test-session-secret-0123456789abcdefghijklmnopqrstuvwxyz';

function valid(overrides: Partial<SetOidcConfigOptions> = {}): SetOidcConfigOptions {
  return {
    enabled: true,
    issuer: 'https://id.court.example/realms/staff',
    clientId: 'verity',
    clientSecret: `secret-${crypto.randomUUID()}`,
    emailClaim: 'email',
    displayNameZh: '法院统一身份认证',
    displayNameEn: 'Court single sign-on',
    ...overrides,
  };
}

async function refusal(work: Promise<unknown>): Promise<{ code: string; paths: string[] }> {
  try {
    await work;
  } catch (error) {
    if (!isAppError(error)) throw error;
    const issues = (error.details?.issues ?? []) as Array<{ path: string }>;
    return { code: error.code, paths: issues.map((i) => i.path) };
  }
  throw new Error('expected a refusal');
}

async function lastConfigEvent() {
  return getDb().auditEvent.findFirst({ where: { action: 'oidc.configured' }, orderBy: { seq: 'desc' } });
}

describe('the court sign-in configuration', () => {
  let admin: Awaited<ReturnType<typeof buildUser>>['actor'];

  beforeAll(async () => {
    process.env.NEXTAUTH_SECRET = SESSION_SECRET;
    admin = (await buildUser({ role: 'admin' })).actor;
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    process.env.NEXTAUTH_SECRET = SESSION_SECRET;
  });

  it('is set and read by administrators only', async () => {
    for (const role of ['judge', 'clerk', 'litigant', 'depositor'] as const) {
      const { actor } = await buildUser({ role });
      expect(await refusal(setOidcConfig(actor, valid())), role).toEqual({ code: 'FORBIDDEN', paths: [] });
      expect(await refusal(getOidcConfig(actor)), role).toEqual({ code: 'FORBIDDEN', paths: [] });
    }
  });

  it('stores the secret encrypted, shows the admin everything but the secret, and records who changed what', async () => {
    const options = valid();
    const before = await lastConfigEvent();
    const view = await setOidcConfig(admin, options);
    expect(view).toMatchObject({
      enabled: true,
      issuer: options.issuer,
      clientId: 'verity',
      emailClaim: 'email',
      displayNameZh: '法院统一身份认证',
      displayNameEn: 'Court single sign-on',
      secretReadable: true,
    });
    expect(JSON.stringify(view)).not.toContain(options.clientSecret);

    const row = await getDb().oidcConfig.findUniqueOrThrow({ where: { id: true } });
    expect(row.updatedBy).toBe(admin.id);
    expect(Buffer.from(row.clientSecretEnc).toString('latin1')).not.toContain(options.clientSecret);
    expect(row.clientSecretEnc.length).toBeGreaterThan(12 + 16);
    expect((await loadOidcClientConfig())?.clientSecret).toBe(options.clientSecret);

    const event = await lastConfigEvent();
    expect(event?.seq).not.toBe(before?.seq);
    expect(event).toMatchObject({ actorId: admin.id, caseId: null });
    expect(event?.details).toEqual({
      enabled: true,
      issuer: options.issuer,
      clientId: 'verity',
      emailClaim: 'email',
      displayNameZh: '法院统一身份认证',
      displayNameEn: 'Court single sign-on',
      secretChanged: true,
    });
    expect(JSON.stringify(event?.details)).not.toContain(options.clientSecret);
  });

  it('keeps the stored secret when none is entered', async () => {
    const first = valid();
    await setOidcConfig(admin, first);
    await setOidcConfig(admin, valid({ clientSecret: '', clientId: 'verity-2' }));
    const loaded = await loadOidcClientConfig();
    expect(loaded).toMatchObject({ clientId: 'verity-2', clientSecret: first.clientSecret });
    expect((await lastConfigEvent())?.details).toMatchObject({ clientId: 'verity-2', secretChanged: false });
  });

  it('refuses bad input, naming each field, and changes nothing', async () => {
    await setOidcConfig(admin, valid({ clientId: 'before-bad-input' }));
    const cases: Array<[Partial<SetOidcConfigOptions>, string]> = [
      [{ issuer: 'http://id.court.example' }, 'issuer'],
      [{ issuer: 'id.court.example' }, 'issuer'],
      [{ issuer: 'ftp://id.court.example' }, 'issuer'],
      [{ issuer: 'https://user:pw@id.court.example' }, 'issuer'],
      [{ issuer: 'https://id.court.example/?realm=x' }, 'issuer'],
      [{ issuer: 'https://id.court.example/#x' }, 'issuer'],
      [{ issuer: '' }, 'issuer'],
      [{ issuer: `https://id.court.example/${'a'.repeat(500)}` }, 'issuer'],
      [{ clientId: '' }, 'clientId'],
      [{ clientId: '   ' }, 'clientId'],
      [{ clientId: 'a\u0000b' }, 'clientId'],
      [{ clientSecret: 'x'.repeat(1001) }, 'clientSecret'],
      [{ emailClaim: '' }, 'emailClaim'],
      [{ emailClaim: 'e mail' }, 'emailClaim'],
      [{ emailClaim: 'email<script>' }, 'emailClaim'],
      [{ displayNameZh: '' }, 'displayNameZh'],
      [{ displayNameEn: 'x'.repeat(101) }, 'displayNameEn'],
    ];
    for (const [bad, path] of cases) {
      expect(await refusal(setOidcConfig(admin, valid(bad))), JSON.stringify(bad)).toEqual({
        code: 'VALIDATION_FAILED',
        paths: [path],
      });
    }
    expect(await refusal(setOidcConfig(admin, { ...valid(), extra: 1 } as SetOidcConfigOptions))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await refusal(setOidcConfig(admin, { ...valid(), enabled: 'yes' } as never))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['enabled'],
    });
    expect((await getOidcConfig(admin))?.clientId).toBe('before-bad-input');
  });

  it('allows an http issuer only on a loopback address, and only when tests allow it', async () => {
    const loopback = ['http://127.0.0.1:9876', 'http://localhost:9876/idp', 'http://[::1]:9876'];
    for (const issuer of loopback) {
      expect(await refusal(setOidcConfig(admin, valid({ issuer }))), issuer).toMatchObject({ paths: ['issuer'] });
    }
    vi.stubEnv('VERITY_OIDC_ALLOW_HTTP_LOOPBACK', 'true');
    for (const issuer of loopback) expect((await setOidcConfig(admin, valid({ issuer }))).issuer).toBe(issuer);
    for (const issuer of ['http://10.0.0.1', 'http://id.court.example', 'http://127.0.0.1.nip.io']) {
      expect(await refusal(setOidcConfig(admin, valid({ issuer }))), issuer).toMatchObject({ paths: ['issuer'] });
    }
  });

  it('needs a secret the first time, and again once the stored one cannot be decrypted', async () => {
    await getDb().oidcConfig.deleteMany({});
    expect(await refusal(setOidcConfig(admin, valid({ clientSecret: '' })))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['clientSecret'],
    });
    expect(await getOidcConfig(admin)).toBeNull();

    await setOidcConfig(admin, valid());
    // A new session secret: the stored client secret no longer decrypts.
    process.env.NEXTAUTH_SECRET = `${SESSION_SECRET}-rotated`;
    expect(await getOidcConfig(admin)).toMatchObject({ enabled: true, secretReadable: false });
    expect(await loadOidcClientConfig()).toBeNull();
    expect(await refusal(setOidcConfig(admin, valid({ clientSecret: '' })))).toEqual({
      code: 'VALIDATION_FAILED',
      paths: ['clientSecret'],
    });
    const again = valid();
    expect((await setOidcConfig(admin, again)).secretReadable).toBe(true);
    expect((await loadOidcClientConfig())?.clientSecret).toBe(again.clientSecret);
  });

  it('offers the provider to next-auth only while it is enabled', async () => {
    await setOidcConfig(admin, valid({ enabled: true }));
    const on = await authOptionsForRequest();
    expect(on.providers.map((p) => p.id)).toEqual(['credentials', 'oidc']);
    const provider = on.providers[1] as unknown as Record<string, unknown>;
    expect(provider).toMatchObject({
      type: 'oauth',
      wellKnown: 'https://id.court.example/realms/staff/.well-known/openid-configuration',
      idToken: true,
      checks: ['pkce', 'state', 'nonce'],
    });

    await setOidcConfig(admin, valid({ enabled: false, clientSecret: '' }));
    expect(await loadOidcClientConfig()).toBeNull();
    expect((await authOptionsForRequest()).providers.map((p) => p.id)).toEqual(['credentials']);
    expect((await lastConfigEvent())?.details).toMatchObject({ enabled: false });
  });
});
