import { describe, expect, it } from 'vitest';
import { issueLines, issueText } from '@/lib/errors/zod-issues';
import { MAX_DETAILS_BYTES, ZAuditEventInput } from './audit-event.schema';

const ID = '0B0E7F52-3C1A-4C5E-9A51-6A3B2F1D9E77';
const base = { action: 'exhibit.viewed', actorId: null, caseId: null } as const;

function issues(input: unknown): string[] {
  const parsed = ZAuditEventInput.safeParse(input);
  return parsed.success ? [] : issueLines(parsed.error).map(issueText);
}

describe('ZAuditEventInput', () => {
  it('fills the defaults and lowercases identifiers', () => {
    expect(ZAuditEventInput.parse({ ...base, caseId: ID })).toEqual({
      ...base,
      caseId: ID.toLowerCase(),
      subjectId: null,
      details: {},
    });
  });

  it('returns the canonical form of details, not the caller’s object', () => {
    const details = { b: undefined, a: -0, list: [1, 'x'] };
    const parsed = ZAuditEventInput.parse({ ...base, details });
    expect(parsed.details).toEqual({ a: 0, list: [1, 'x'] });
    expect(parsed.details).not.toBe(details);
    expect(Object.hasOwn(parsed.details, 'b')).toBe(false);
  });

  it('refuses unknown actions, malformed identifiers and unknown fields', () => {
    expect(issues({ ...base, action: 'exhibit.deleted' })).toEqual([
      expect.stringMatching(/^action: action must be one of/),
    ]);
    expect(issues({ ...base, actorId: 'judge-1' })).toEqual([
      expect.stringMatching(/^actorId: actorId must be a UUID/),
    ]);
    expect(issues({ ...base, caseId: undefined })).toHaveLength(1);
    expect(issues({ ...base, extra: 1 })).toHaveLength(1);
  });

  it('refuses details that are not a plain JSON object, or that jsonb cannot hold', () => {
    expect(issues({ ...base, details: [1] })).toEqual(['details: details must be a plain JSON object']);
    expect(issues({ ...base, details: { at: new Date() } })).toEqual([expect.stringMatching(/details\.at is a Date/)]);
    expect(issues({ ...base, details: { n: Number.NaN } })).toEqual([expect.stringMatching(/must be finite/)]);
    expect(issues({ ...base, details: { n: 1n } })).toHaveLength(1);
    expect(issues({ ...base, details: { s: 'a\u0000b' } })).toEqual([
      'details: details must not contain the character U+0000',
    ]);
    expect(issues({ ...base, details: { 'k\u0000': 1 } })).toHaveLength(1);
  });

  it(`caps details at ${MAX_DETAILS_BYTES} bytes of canonical JSON`, () => {
    const fill = (n: number) => ({ s: 'x'.repeat(n - '{"s":""}'.length) });
    expect(issues({ ...base, details: fill(MAX_DETAILS_BYTES) })).toEqual([]);
    expect(issues({ ...base, details: fill(MAX_DETAILS_BYTES + 1) })).toEqual([
      `details: details must be at most ${MAX_DETAILS_BYTES} bytes as canonical JSON, got ${MAX_DETAILS_BYTES + 1}`,
    ]);
    // A judge's longest reasoning (5,000 characters) fits, even in Chinese with line breaks.
    expect(issues({ ...base, details: { reasoning: '证\n'.repeat(2500), outcome: 'accepted' } })).toEqual([]);
  });

  it('refuses an invalid or unrepresentable time', () => {
    expect(issues({ ...base, at: new Date(Number.NaN) })).toHaveLength(1);
    expect(issues({ ...base, at: new Date('+010000-01-01T00:00:00Z') })).toHaveLength(1);
    expect(issues({ ...base, at: new Date('2026-11-27T02:00:00.123Z') })).toEqual([]);
  });
});
