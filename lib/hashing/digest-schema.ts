/**
 * A hex digest at a zod boundary: 64 hexadecimal characters, upper case accepted and returned
 * in lower case (`normaliseHexDigest`), with a message naming the algorithm.
 */
import { z } from 'zod';
import { type Algorithm, normaliseHexDigest } from './digests';

export function zHexDigest(algorithm: Algorithm) {
  return z.string().transform((value, ctx) => {
    try {
      return normaliseHexDigest(value, algorithm);
    } catch {
      ctx.addIssue({ code: 'custom', message: `${algorithm} must be 64 hexadecimal characters` });
      return z.NEVER;
    }
  });
}
