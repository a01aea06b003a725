import { describe, expect, it } from 'vitest';
import { getPool } from '@/lib/db/pool';
import { buildCourt, buildUser, tag } from '@/test/builders';
import { getCourtSettings, updateCourtSettings } from './court-settings';
import { getPublicUrl } from './get-public-url';

async function courtAdmin() {
  const court = await buildCourt();
  return { court, admin: (await buildUser({ role: 'admin', courtId: court.id })).actor };
}

const settings = (overrides: Record<string, string> = {}) => ({
  nameZh: `新名称${tag()}`,
  nameEn: `New Name ${tag()}`,
  code: `N-${tag()}`.toUpperCase(),
  publicUrl: 'https://verity.example.court/portal/',
  ...overrides,
});

describe('court settings', () => {
  it('saves what changed, as a custody-log event, and getPublicUrl reads it', async () => {
    const { court, admin } = await courtAdmin();
    const previous = process.env.NEXTAUTH_URL;
    process.env.NEXTAUTH_URL = 'http://fallback.test/';
    try {
      expect(await getPublicUrl(court.id)).toBe('http://fallback.test');
      const next = settings();
      const { changed, court: saved } = await updateCourtSettings(admin, next);
      expect(changed.sort()).toEqual(['code', 'nameEn', 'nameZh', 'publicUrl']);
      expect(saved).toMatchObject({ code: next.code, publicUrl: 'https://verity.example.court/portal' });
      expect(await getCourtSettings(admin)).toEqual(saved);
      expect(await getPublicUrl(court.id)).toBe('https://verity.example.court/portal');
      expect((await updateCourtSettings(admin, next)).changed).toEqual([]);
      const { rows } = await getPool().query(
        "SELECT details FROM audit_events WHERE action = 'court.updated' AND subject_id = $1",
        [court.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ details: { code: { from: court.code, to: next.code } } });
    } finally {
      process.env.NEXTAUTH_URL = previous;
    }
  });

  it("refuses another court's code, bad values and non-admins, changing nothing", async () => {
    const { court, admin } = await courtAdmin();
    const other = await buildCourt();
    await getPool().query('UPDATE courts SET code = upper(code) WHERE id = $1', [other.id]);
    await expect(updateCourtSettings(admin, settings({ code: other.code.toLowerCase() }))).rejects.toMatchObject({
      details: { reason: 'CODE_TAKEN' },
    });
    const bads: Array<Record<string, string>> = [
      { publicUrl: 'javascript:alert(1)' },
      { publicUrl: 'https://a.example/?x=1' },
      { code: '-' },
      { nameEn: '' },
    ];
    for (const bad of bads) {
      await expect(updateCourtSettings(admin, settings(bad))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const { actor: clerk } = await buildUser({ role: 'clerk', courtId: court.id });
    await expect(updateCourtSettings(clerk, settings())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getCourtSettings(clerk)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await getCourtSettings(admin)).code).toBe(court.code);
  });
});
