import { describe, expect, it } from 'vitest';
import { formatAuditHead, parseAuditHead } from './audit-head';
import { formatAuditReport } from './format-audit-report';

const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

describe('audit heads', () => {
  it('round-trip as seq:hash, hash lowercased', () => {
    expect(parseAuditHead(`42:${HASH.toUpperCase()}`)).toEqual({ seq: 42n, hash: HASH });
    expect(formatAuditHead({ seq: 42n, hash: HASH })).toBe(`42:${HASH}`);
    expect(parseAuditHead(` 1:${HASH}\n`)).toEqual({ seq: 1n, hash: HASH });
  });

  it.each(['', '42', `0:${HASH}`, `-1:${HASH}`, `42:${HASH.slice(1)}`, `42:${HASH}0`, `x:${HASH}`, `42;${HASH}`])(
    'refuses %j',
    (text) => {
      expect(() => parseAuditHead(text)).toThrow(/is not an audit head: expected <seq>:<64 hex characters>/);
    },
  );
});

describe('formatAuditReport', () => {
  const base = {
    findings: [],
    findingsTotal: 0,
    truncated: false,
    firstBad: null,
    expectedHeads: [],
    durationMs: 1234,
  };

  it('says OK with the count and the head, and how to witness it', () => {
    expect(formatAuditReport({ ...base, ok: true, count: 42, head: { seq: 42n, hash: HASH } })).toEqual([
      'Checked 42 events of the chain-of-custody log in 1.2 s.',
      `Head: 42:${HASH}`,
      'OK: the chain-of-custody log is intact (42 events).',
      'Events removed from the end of the log cannot be seen from the log alone: keep the head above ' +
        `outside the database and run again with --expect-head 42:${HASH}.`,
    ]);
    expect(formatAuditReport({ ...base, ok: true, count: 0, head: null })).toEqual([
      'Checked 0 events of the chain-of-custody log in 1.2 s.',
      'Head: none (the log is empty)',
      'OK: the chain-of-custody log is intact (0 events).',
    ]);
  });

  it('lists the findings and names the first bad event', () => {
    const finding = { kind: 'MISSING_EVENTS' as const, seq: 6n, action: null, message: 'event 6 is missing: …' };
    const later = {
      kind: 'BODY_MISMATCH' as const,
      seq: 9n,
      action: 'exhibit.viewed',
      message: 'event 9 (exhibit.viewed): …',
    };
    const lines = formatAuditReport({
      ...base,
      ok: false,
      count: 41,
      head: { seq: 42n, hash: HASH },
      findings: [finding, later],
      findingsTotal: 3,
      truncated: true,
      firstBad: finding,
      expectedHeads: [{ seq: 40n, hash: HASH }],
    });
    expect(lines).toEqual([
      'Findings (3):',
      '  - event 6 is missing: … [MISSING_EVENTS]',
      '  - event 9 (exhibit.viewed): … [BODY_MISMATCH]',
      '  … and 1 more, not listed.',
      'Checked 41 events of the chain-of-custody log and 1 expected head in 1.2 s.',
      `Head: 42:${HASH}`,
      'FAILED: 3 problem(s); first bad event: seq 6, MISSING_EVENTS.',
    ]);
  });
});
