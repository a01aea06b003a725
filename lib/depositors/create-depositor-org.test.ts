import { describe, expect, it } from 'vitest';
import { tag } from '@/test/builders';
import { createDepositorOrg } from './create-depositor-org';
import { buildAdmin } from './testing';

describe('createDepositorOrg', () => {
  it('creates an organisation with a trimmed name', async () => {
    const admin = await buildAdmin();
    const name = `示例存证平台 ${tag()}`;
    expect(await createDepositorOrg(admin, { name: `  ${name} ` })).toEqual({
      id: expect.any(String),
      name,
      createdAt: expect.any(Date),
    });
  });

  it('refuses a second organisation with the same name with CONFLICT', async () => {
    const admin = await buildAdmin();
    const name = `Depositor ${tag()}`;
    await createDepositorOrg(admin, { name });
    await expect(createDepositorOrg(admin, { name: ` ${name}` })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(name),
    });
  });

  it('refuses empty, over-long and control-character names with VALIDATION_FAILED', async () => {
    const admin = await buildAdmin();
    for (const name of ['', '   ', 'x'.repeat(201), `bad\nname ${tag()}`, `bad\u0007${tag()}`]) {
      await expect(createDepositorOrg(admin, { name })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    await expect(createDepositorOrg(admin, {} as { name: string })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('name'),
    });
  });
});
