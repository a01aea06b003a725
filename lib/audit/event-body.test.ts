import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AuditEventBody, buildEventBody, GENESIS_PREV, parseEventBody } from './event-body';

const BODY: AuditEventBody = {
  v: 1,
  seq: 1,
  prev: GENESIS_PREV,
  at: '2026-11-27T02:00:00.123Z',
  caseId: '0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77',
  actorId: null,
  action: 'exhibit.viewed',
  subjectId: null,
  details: { 名称: '合同.pdf', size: 1024, nested: { b: [1, 2], a: true } },
};

// Members sorted by UTF-16 code units (RFC 8785 §3.2.3), no whitespace, UTF-8.
const KNOWN =
  '{"action":"exhibit.viewed","actorId":null,"at":"2026-11-27T02:00:00.123Z",' +
  '"caseId":"0b0e7f52-3c1a-4c5e-9a51-6a3b2f1d9e77","details":{"nested":{"a":true,"b":[1,2]},"size":1024,"名称":"合同.pdf"},' +
  `"prev":"${'0'.repeat(64)}","seq":1,"subjectId":null,"v":1}`;

const bytes = (text: string) => new TextEncoder().encode(text);

describe('buildEventBody', () => {
  it('writes the RFC 8785 canonical JSON and hashes it with SHA-256', () => {
    const { body, hash } = buildEventBody(BODY);
    expect(new TextDecoder().decode(body)).toBe(KNOWN);
    expect(hash).toBe(createHash('sha256').update(KNOWN, 'utf8').digest('hex'));
  });

  it('refuses a body that is not a valid event', () => {
    expect(() => buildEventBody({ ...BODY, seq: 0 })).toThrow();
    expect(() => buildEventBody({ ...BODY, prev: 'ab' })).toThrow();
    expect(() => buildEventBody({ ...BODY, caseId: BODY.caseId?.toUpperCase() ?? null })).toThrow();
    expect(() => buildEventBody({ ...BODY, at: '2026-11-27T02:00:00Z' })).toThrow();
  });
});

describe('parseEventBody', () => {
  it('returns the event of canonical bytes', () => {
    expect(parseEventBody(bytes(KNOWN))).toEqual({ ok: true, body: BODY });
  });

  it.each([
    ['whitespace', KNOWN.replace(',', ', '), /not RFC 8785 canonical/],
    [
      'another member order',
      KNOWN.replace('"actorId":null,"at"', '"at"').replace('"v":1}', '"v":1,"actorId":null}'),
      /canonical/,
    ],
    ['a duplicate key', KNOWN.replace('"v":1}', '"v":1,"v":1}'), /canonical/],
    ['an escaped letter', KNOWN.replace('exhibit.viewed', 'exhibit.view\\u0065d'), /canonical/],
    ['a byte-order mark', `\uFEFF${KNOWN}`, /UTF-8 JSON|canonical/],
    ['not JSON', 'not json', /not UTF-8 JSON/],
    ['an unknown member', KNOWN.replace('"v":1}', '"v":1,"x":1}'), /not a valid audit event/],
    ['another version', KNOWN.replace('"v":1}', '"v":2}'), /not a valid audit event/],
  ])('refuses %s', (_, text, reason) => {
    const parsed = parseEventBody(bytes(text));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('refuses invalid UTF-8', () => {
    expect(parseEventBody(new Uint8Array([0x7b, 0xff, 0x7d]))).toEqual({
      ok: false,
      reason: 'the body is not UTF-8 JSON',
    });
  });
});
