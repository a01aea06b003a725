import 'server-only';
/**
 * What a depositor asks a deposit certificate for: up to 100 of its organisation's deposits by
 * ID, each with the file's name and size when the browser that deposited it still knows them
 * (the deposit page right after depositing; the history knows no names).
 */
import { z } from 'zod';
import { ZFileFacts } from '@/lib/ledger/deposit-from-browser.schema';
import { MAX_CERTIFIED_DEPOSITS } from './format/deposit-certificate-body';

export const ZDepositCertificateRequest = z.strictObject(
  {
    deposits: z
      .array(z.strictObject({ id: z.uuid({ error: 'a deposit ID is a UUID' }), file: ZFileFacts.optional() }), {
        error: 'deposits must be an array',
      })
      .min(1, { error: 'name at least 1 deposit' })
      .max(MAX_CERTIFIED_DEPOSITS, { error: `name at most ${MAX_CERTIFIED_DEPOSITS} deposits` })
      .refine((list) => new Set(list.map((d) => d.id.toLowerCase())).size === list.length, {
        error: 'each deposit may be named once',
      }),
  },
  { error: 'the input must be an object { deposits: [{ id, file? }] }' },
);

export type DepositCertificateRequest = z.input<typeof ZDepositCertificateRequest>;
