import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ZDepositBatch } from '@/lib/ledger/statement';
import { isAppError } from './app-error';
import { errorResult } from './http';
import { issueLines, issuePath, issueSummary, issueText, parseInput, validationFailed } from './zod-issues';

const SHA256 = 'ab'.repeat(32);

function zodError(schema: z.ZodType, input: unknown): z.ZodError {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to be refused');
  return parsed.error;
}

describe('issuePath', () => {
  it.each([
    [[], ''],
    [['digests'], 'digests'],
    [['digests', 'sha256'], 'digests.sha256'],
    [['deposits', 3, 'digests', 'sha256'], 'deposits[3].digests.sha256'],
    [[0], '[0]'],
    [[0, 1, 'a'], '[0][1].a'],
    [[Symbol('s')], 'Symbol(s)'],
  ] as Array<[PropertyKey[], string]>)('%j → %s', (path, expected) => {
    expect(issuePath(path)).toBe(expected);
  });
});

describe('issueLines and issueText', () => {
  it('names each problem of a real deposit batch where it is, array indexes in brackets', () => {
    const error = zodError(ZDepositBatch, {
      deposits: [{ digests: { sha256: SHA256 } }, { digests: { sm3: 'zz' } }],
    });
    const lines = issueLines(error);
    expect(lines).toEqual([
      { path: 'deposits[1].digests.sm3', message: expect.stringMatching(/^digests\.sm3 must be/) },
    ]);
    expect(issueText(lines[0] ?? { path: '', message: '' })).toMatch(/^deposits\[1\]\.digests\.sm3: digests\.sm3 must/);
  });

  it('places the issues of a part inside the whole with `at`', () => {
    const error = zodError(z.object({ title: z.string() }), { title: 1 });
    expect(issueLines(error, ['deposits', 2]).map((l) => l.path)).toEqual(['deposits[2].title']);
    expect(issueLines(zodError(z.string(), 1), ['deposits', 0]).map((l) => l.path)).toEqual(['deposits[0]']);
  });

  it('writes the message alone for the value itself', () => {
    expect(issueText({ path: '', message: 'must be a JSON object' })).toBe('must be a JSON object');
    expect(issueText({ path: 'a', message: 'must be a JSON object' })).toBe('a: must be a JSON object');
  });
});

describe('issueSummary', () => {
  const form = z.object({
    title: z.string().min(1, 'Enter the title of the case.'),
    cause: z.string().min(1, 'Enter the cause of action.'),
  });
  const fragments = z.object({ name: z.string('name must be a string'), label: z.string('label must be a string') });

  it('separates fragments with "; " and sentences with a space', () => {
    expect(issueSummary(zodError(fragments, {}))).toBe('name: name must be a string; label: label must be a string');
    expect(issueSummary(zodError(form, { title: '', cause: '' }))).toBe(
      'title: Enter the title of the case. cause: Enter the cause of action.',
    );
    expect(
      issueSummary([
        { path: '', message: '请填写标题。' },
        { path: '', message: 'x' },
      ]),
    ).toBe('请填写标题。 x');
  });

  it('is the one message for one issue, and empty for none', () => {
    expect(issueSummary(zodError(z.string().regex(/^a$/, 'must be a'), 'b'))).toBe('must be a');
    expect(issueSummary([])).toBe('');
  });
});

describe('validationFailed and parseInput', () => {
  const schema = z.object({ name: z.string().min(1, 'name must not be empty'), n: z.number('n must be a number') });

  it('returns the parsed value', () => {
    expect(parseInput(schema, { name: 'x', n: 1 })).toEqual({ name: 'x', n: 1 });
  });

  it('throws VALIDATION_FAILED with the summary and every issue with its zod code', () => {
    let thrown: unknown;
    try {
      parseInput(schema, { name: '', n: 'one' });
    } catch (error) {
      thrown = error;
    }
    expect(isAppError(thrown)).toBe(true);
    if (!isAppError(thrown)) return;
    expect(thrown.code).toBe('VALIDATION_FAILED');
    expect(thrown.message).toBe('name: name must not be empty; n: n must be a number');
    expect(thrown.details).toEqual({
      issues: [
        { path: 'name', code: 'too_small', message: 'name must not be empty' },
        { path: 'n', code: 'invalid_type', message: 'n must be a number' },
      ],
    });
  });

  it('takes a list as it is', () => {
    const error = validationFailed([{ path: 'deposits[0].title', message: 'title must be a string' }]);
    expect(error.message).toBe('deposits[0].title: title must be a string');
    expect(error.details).toEqual({ issues: [{ path: 'deposits[0].title', message: 'title must be a string' }] });
  });
});

describe('errorResult of a ZodError (the API error body)', () => {
  it('answers 422 with the first issue as the message and every issue in details', () => {
    const error = zodError(ZDepositBatch, { deposits: [{ digests: { sha256: 'zz' } }, { digests: {} }] });
    const { status, body } = errorResult(error);
    expect(status).toBe(422);
    const lines = issueLines(error);
    expect(lines.map((l) => l.path)).toEqual(['deposits[0].digests.sha256', 'deposits[1].digests']);
    expect(body).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: issueText(lines[0] ?? { path: '', message: '' }),
        details: { issues: lines },
      },
    });
  });
});
