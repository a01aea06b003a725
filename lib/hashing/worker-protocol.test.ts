import { describe, expect, it } from 'vitest';
import { HashingError } from './errors';
import { describeHashFailure, throttleProgress } from './worker-protocol';

describe('describeHashFailure', () => {
  it('maps each kind of failure to its code and keeps the message', () => {
    expect(describeHashFailure(new DOMException('stop', 'AbortError'))).toEqual({ code: 'ABORTED', message: 'stop' });
    expect(describeHashFailure(new HashingError('SIZE_MISMATCH', 'changed')).code).toBe('SIZE_MISMATCH');
    expect(describeHashFailure(new HashingError('INVALID_ARGUMENT', 'bad')).code).toBe('INVALID_ARGUMENT');
    expect(describeHashFailure(new DOMException('gone', 'NotReadableError')).code).toBe('NOT_READABLE');
    expect(describeHashFailure(new DOMException('gone', 'NotFoundError')).code).toBe('NOT_READABLE');
    expect(describeHashFailure(new Error('boom'))).toEqual({ code: 'UNKNOWN', message: 'boom' });
    expect(describeHashFailure('text')).toEqual({ code: 'UNKNOWN', message: 'text' });
  });
});

describe('throttleProgress', () => {
  it('passes at most one call per interval, and always the final count', () => {
    let time = 0;
    const seen: number[] = [];
    const report = throttleProgress(
      (done) => seen.push(done),
      100,
      () => time,
    );
    for (let done = 1; done <= 10; done++) {
      report(done * 10, 100);
      time += 30;
    }
    // Calls at t=0, 120, 240 pass; the final count (100 at t=270) always passes.
    expect(seen).toEqual([10, 50, 90, 100]);
  });

  it('reports an empty input', () => {
    const seen: number[] = [];
    throttleProgress((done) => seen.push(done))(0, 0);
    expect(seen).toEqual([0]);
  });
});
