/**
 * What the portal's deposit page sends for each file: digests computed in the browser, an
 * optional title, and the file's name and size, never its bytes. Pure (no `server-only`): the
 * page checks titles and names with the same rules before it sends them.
 *
 * The digests and title follow the API's deposit statement (`ZDepositRequest`); name and size
 * become the statement's metadata `{ "file": { "name", "size" } }` (lib/ledger/deposit-from-browser.ts).
 *
 * @module
 */
import { z } from 'zod';
import { forbiddenCharacter } from '@/lib/text/plain-text';
import { MAX_BATCH_SIZE, ZDepositRequest } from './statement/deposit-request.schema';

/** A file name as browsers report it (no folders); 255 is the usual file-system limit. */
export const MAX_FILE_NAME_LENGTH = 255;

export const ZFileFacts = z.strictObject(
  {
    name: z.string({ error: 'file.name must be a string' }).superRefine((name, ctx) => {
      const length = [...name].length;
      if (length === 0 || length > MAX_FILE_NAME_LENGTH) {
        ctx.addIssue(`file.name must be 1 to ${MAX_FILE_NAME_LENGTH} characters, got ${length}`);
      } else {
        // As for titles (lib/text/plain-text.ts): what a person reads must be the bytes recorded.
        const found = forbiddenCharacter(name);
        if (found) {
          ctx.addIssue(
            `file.name must not contain control characters, bidirectional overrides or lone surrogates (found ${found})`,
          );
        }
      }
    }),
    size: z
      .number({ error: 'file.size must be a number of bytes' })
      .int({ error: 'file.size must be a whole number of bytes' })
      .min(0, { error: 'file.size must not be negative' })
      .max(Number.MAX_SAFE_INTEGER, { error: 'file.size is too large' }),
  },
  { error: 'file must be an object with name and size, and nothing else' },
);

/** One file's deposit: digests only, never the file. */
export const ZBrowserDeposit = z.strictObject(
  {
    digests: ZDepositRequest.shape.digests,
    title: ZDepositRequest.shape.title,
    file: ZFileFacts.optional(),
  },
  { error: 'each deposit must be an object with digests, and optionally title and file, and nothing else' },
);

/** A batch, with the API's batch limit. */
export const ZDepositFromBrowser = z.strictObject(
  {
    deposits: z
      .array(z.unknown(), { error: 'deposits must be an array' })
      .min(1, { error: 'deposits must contain at least 1 deposit' })
      .max(MAX_BATCH_SIZE, { error: `deposits must contain at most ${MAX_BATCH_SIZE} deposits` })
      .pipe(z.array(ZBrowserDeposit)),
  },
  { error: 'the input must be an object { deposits: [...] }' },
);

export type BrowserDeposit = z.input<typeof ZBrowserDeposit>;
export type DepositFromBrowserInput = z.input<typeof ZDepositFromBrowser>;
