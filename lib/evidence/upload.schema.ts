/**
 * What a client sends to create an upload (browser-safe: zod only). The digests are the
 * uploader's claim; the server checks them against its own hash of the bytes it receives.
 */
import { z } from 'zod';
import { plainText } from '@/lib/text/plain-text';

const ZHexDigest = (name: string) =>
  z.string().regex(/^[0-9a-f]{64}$/, `${name} must be 64 lowercase hexadecimal characters (32 bytes)`);

export const ZCreateUploadRequest = z.strictObject({
  /** The file's name as the uploader's system calls it; shown to the court, never used as a path. */
  fileName: z
    .string()
    .min(1, 'fileName must not be empty')
    .max(255, 'fileName must be at most 255 characters')
    // A control character could rewrite a terminal or a log line; a bidi override, the extension a court reads.
    .superRefine(plainText('fileName')),
  /** The browser's `File.type`; empty (unknown) becomes application/octet-stream. */
  mediaType: z
    .string()
    .max(255, 'mediaType must be at most 255 characters')
    .transform((v) => v.trim().toLowerCase() || 'application/octet-stream')
    .pipe(
      z
        .string()
        .regex(
          /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;.*)?$/,
          'mediaType must be a media type such as application/pdf',
        ),
    )
    .default('application/octet-stream'),
  /** Bytes; the server refuses more than its limit with PAYLOAD_TOO_LARGE. */
  size: z
    .number({ message: 'size must be a number of bytes' })
    .int('size must be a whole number of bytes')
    .min(0, 'size must not be negative')
    .max(Number.MAX_SAFE_INTEGER, 'size is too large'),
  sha256: ZHexDigest('sha256'),
  sm3: ZHexDigest('sm3'),
});
export type CreateUploadRequest = z.input<typeof ZCreateUploadRequest>;
export type CreateUploadInput = z.output<typeof ZCreateUploadRequest>;
