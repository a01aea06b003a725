import { expect, it } from 'vitest';
import { parseServerEnv } from './server-env';

it('VERITY_DEMO_WITNESSES: true/false/1/0, unset by default, anything else named with what is expected', () => {
  expect(parseServerEnv({}).VERITY_DEMO_WITNESSES).toBeUndefined();
  expect(parseServerEnv({ VERITY_DEMO_WITNESSES: '' }).VERITY_DEMO_WITNESSES).toBeUndefined();
  expect(parseServerEnv({ VERITY_DEMO_WITNESSES: 'false' }).VERITY_DEMO_WITNESSES).toBe(false);
  expect(parseServerEnv({ VERITY_DEMO_WITNESSES: '0' }).VERITY_DEMO_WITNESSES).toBe(false);
  expect(parseServerEnv({ VERITY_DEMO_WITNESSES: 'true' }).VERITY_DEMO_WITNESSES).toBe(true);
  expect(parseServerEnv({ VERITY_DEMO_WITNESSES: '1' }).VERITY_DEMO_WITNESSES).toBe(true);
  for (const bad of ['off', 'no', 'TRUE', '2']) {
    expect(() => parseServerEnv({ VERITY_DEMO_WITNESSES: bad })).toThrow(
      'VERITY_DEMO_WITNESSES: must be true or false',
    );
  }
});
