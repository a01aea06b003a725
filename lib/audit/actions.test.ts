import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import { AUDIT_ACTIONS, isAuditAction } from './actions';

describe('AUDIT_ACTIONS', () => {
  it('each have a label in both languages (audit.actions.<noun>.<verb>)', () => {
    for (const messages of [en, zh]) {
      const labels = messages.audit.actions as Record<string, Record<string, string>>;
      for (const action of AUDIT_ACTIONS) {
        const [noun = '', verb = ''] = action.split('.');
        expect(labels[noun]?.[verb], action).toBeTruthy();
      }
    }
  });

  it('are recognised, and nothing else is', () => {
    expect(AUDIT_ACTIONS.every(isAuditAction)).toBe(true);
    expect(isAuditAction('exhibit.deleted')).toBe(false);
    expect(isAuditAction(null)).toBe(false);
  });
});
