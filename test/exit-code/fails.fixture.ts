// Run only by test/exit-code/exit-code.test.ts (VERITY_VITEST_FIXTURE names it): a test that
// fails, so that the suite's exit code can be checked.
import { expect, it } from 'vitest';

it('fails on purpose', () => {
  expect(1 + 1).toBe(3);
});
