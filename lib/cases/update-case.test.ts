import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { buildCourt, buildUser } from '@/test/builders';
import { addMember, auditEventsFor, buildDocket } from './docket.testing';
import { updateCase } from './update-case';

describe('updateCase', () => {
  it('lets a clerk of the court change title, cause and status, recording old and new values', async () => {
    const { clerk, theCase } = await buildDocket();
    const result = await updateCase(clerk.actor, theCase.id, {
      title: '新标题',
      causeOfAction: theCase.causeOfAction,
      status: 'closed',
    });
    expect(result.changed).toEqual(['title', 'status']);
    expect(await getDb().case.findUniqueOrThrow({ where: { id: theCase.id } })).toMatchObject({
      title: '新标题',
      causeOfAction: theCase.causeOfAction,
      status: 'closed',
    });
    const events = await auditEventsFor(theCase.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'case.updated',
      actorId: clerk.user.id,
      details: { changes: { title: { from: theCase.title, to: '新标题' }, status: { from: 'open', to: 'closed' } } },
    });

    await updateCase(clerk.actor, theCase.id, { status: 'open' });
    expect((await getDb().case.findUniqueOrThrow({ where: { id: theCase.id } })).status).toBe('open');
  });

  it('writes nothing and records nothing when nothing changes', async () => {
    const { clerk, theCase } = await buildDocket();
    const result = await updateCase(clerk.actor, theCase.id, { title: ` ${theCase.title} `, status: 'open' });
    expect(result.changed).toEqual([]);
    expect(await auditEventsFor(theCase.id)).toEqual([]);
  });

  it.each([
    ['an empty title', { title: '' }],
    ['a title over 200 characters', { title: 'x'.repeat(201) }],
    ['an unknown status', { status: 'archived' as 'open' }],
    ['nothing at all', {}],
  ])('refuses %s with VALIDATION_FAILED', async (_name, input) => {
    const { clerk, theCase } = await buildDocket();
    await expect(updateCase(clerk.actor, theCase.id, input)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await auditEventsFor(theCase.id)).toEqual([]);
  });

  it('refuses the judge and the parties of the case with FORBIDDEN', async () => {
    const { judge, plaintiff, theCase } = await buildDocket();
    await addMember(theCase.id, judge.user.id, 'judge');
    await addMember(theCase.id, plaintiff.user.id, 'plaintiff');
    for (const who of [judge, plaintiff]) {
      await expect(updateCase(who.actor, theCase.id, { title: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('treats the case as missing (NOT_FOUND) for a clerk of another court, outsiders, admins and depositors', async () => {
    const { court, defendant, theCase } = await buildDocket();
    const elsewhere = await buildCourt();
    const otherClerk = await buildUser({ role: 'clerk', courtId: elsewhere.id });
    const admin = await buildUser({ role: 'admin', courtId: court.id });
    const depositor = await buildUser({ role: 'depositor' });
    for (const who of [otherClerk, defendant, admin, depositor]) {
      await expect(updateCase(who.actor, theCase.id, { title: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await getDb().case.findUniqueOrThrow({ where: { id: theCase.id } })).title).toBe(theCase.title);
  });

  it('answers NOT_FOUND for an unknown or malformed case ID', async () => {
    const { clerk } = await buildDocket();
    await expect(updateCase(clerk.actor, crypto.randomUUID(), { title: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(updateCase(clerk.actor, 'not-a-uuid', { title: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
