import 'server-only';
/** A court's settings as the setup page, the CLI and the settings page accept them. */
import { z } from 'zod';
import { plainText } from '@/lib/text/plain-text';

const ZName = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, { error: `${what} is required` })
    .max(200, { error: `${what} has at most 200 characters` })
    .superRefine(plainText(what));

export const ZCourtCode = z
  .string({ error: 'the court code is required' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { error: 'the court code is 2–32 letters, digits or hyphens, e.g. BJ-0491' });

/** The portal's address as people reach it, http(s), without a trailing slash, query or fragment. */
export const ZPublicUrl = z
  .string({ error: 'the public URL is required' })
  .trim()
  .max(500, { error: 'the public URL has at most 500 characters' })
  .pipe(z.url({ protocol: /^https?$/, error: 'the public URL must start with https:// or http://' }))
  .transform((value) => value.replace(/\/+$/, ''))
  .refine((value) => !/[?#\s]/.test(value) && /^https?:\/\/[^/]+(\/.*[^/])?$/.test(value), {
    error: 'the public URL must be an address such as https://verity.court.example, without ? or #',
  });

export const ZCourtSettings = z.object({
  nameZh: ZName('the Chinese name'),
  nameEn: ZName('the English name'),
  code: ZCourtCode,
  publicUrl: ZPublicUrl,
});
export type CourtSettingsInput = z.input<typeof ZCourtSettings>;
export type CourtSettings = z.output<typeof ZCourtSettings>;

export const ZPersonName = ZName('the name');
