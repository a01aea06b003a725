/**
 * Server configuration, read from the environment once and validated with zod, so a bad
 * value stops start-up with a message naming the variable and what is expected.
 * Kept free of `server-only` so the start scripts can validate before Next.js runs.
 */
import { z } from 'zod';
import { issueLines, issueText } from '@/lib/errors/zod-issues';

const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
  message: 'must be a PostgreSQL URL such as postgresql://user:password@host:5432/verity',
});

const port = z.coerce
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

export const ZServerEnv = z.object({
  /** External PostgreSQL. When absent, `npm start` runs an embedded PostgreSQL under the data folder. */
  DATABASE_URL: postgresUrl.optional(),
  /** Where Verity keeps the embedded database, generated keys and secrets. */
  VERITY_DATA_DIR: z.string().min(1, 'must not be empty').default('.data'),
  /** Port of the web portal. */
  PORT: port.default(3000),
  /** Interface the portal listens on. */
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  /** Front server processes sharing the public port (lib/front); defaults to the number of CPUs, at most 4. */
  VERITY_FRONT_WORKERS: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(64, 'must be at most 64')
    .optional(),
  /** Port of the embedded PostgreSQL (ignored with DATABASE_URL). */
  VERITY_PG_PORT: port.default(54329),
  /** Secret that signs session cookies; at least 32 characters. Generated into the data folder when absent. */
  NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters (try: openssl rand -base64 32)').optional(),
  /** The portal's public URL, used in sign-in redirects. Defaults to http://localhost:$PORT. */
  NEXTAUTH_URL: z.url({ message: 'must be an absolute URL such as https://verity.example.court' }).optional(),
  /** Tests only (e2e/oidc, lib/auth/oidc): accept an http:// OpenID issuer on a loopback address. Never on a court's portal. */
  VERITY_OIDC_ALLOW_HTTP_LOOPBACK: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
  /** The log's name (its checkpoints' first line and its key's name), used when its key is first generated. */
  VERITY_LOG_ORIGIN: z
    .string()
    .regex(/^[^\s+]{1,200}$/, 'must be a name without spaces or "+", such as verity.court.example/ledger')
    .optional(),
  /** The log's signer key, PRIVATE+KEY+<origin>+…; generated into the data folder when absent. */
  VERITY_LOG_SIGNER_KEY: z
    .string()
    .startsWith('PRIVATE+KEY+', 'must be a signed-note signer key (PRIVATE+KEY+…)')
    .optional(),
  /** The court's certificate signing key: base64 of a 32-byte Ed25519 seed; generated into the data folder when absent. */
  VERITY_COURT_SIGNER_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be base64 of a 32-byte Ed25519 seed (try: openssl rand -base64 32)')
    .optional(),
  /** Key of the HMAC that stores API key secrets; generated into the data folder when absent. */
  VERITY_API_KEY_PEPPER: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43,}$/, 'must be base64url of at least 32 random bytes')
    .optional(),
  /** The evidence store (uploaded exhibits, uploads in progress). Defaults to <VERITY_DATA_DIR>/evidence. */
  VERITY_EVIDENCE_DIR: z.string().min(1, 'must not be empty').optional(),
  /** The largest file a party may upload, in bytes. Defaults to 4 GiB (lib/evidence/config.ts). */
  VERITY_MAX_UPLOAD_BYTES: z.coerce
    .number({ message: 'must be a whole number of bytes' })
    .int('must be a whole number of bytes')
    .min(1, 'must be at least 1 byte')
    .max(Number.MAX_SAFE_INTEGER, 'must be at most 2^53 - 1 bytes')
    .optional(),
  /** Seed the demo court, users and cases. Defaults to on for the embedded database, off for DATABASE_URL. */
  VERITY_DEMO: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .optional(),
  // --- issue #16, e-mail (lib/mail) ---
  /**
   * The SMTP server that sends the portal's e-mail, e.g. smtp://user:password@mail.court.example:587
   * (STARTTLS when the server offers it) or smtps://…:465. Unset: mail goes to the local mailbox,
   * which an admin reads in the portal.
   */
  VERITY_SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      message: 'must be an SMTP URL such as smtp://user:password@mail.court.example:587 (or smtps://… for port 465)',
    })
    .optional(),
  /** The sender of the portal's e-mail, e.g. `Verity <verity@court.example>`; default no-reply@ the public URL's host. */
  VERITY_MAIL_FROM: z
    .string()
    .max(320, 'must be at most 320 characters')
    .regex(
      /^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
      'must be an e-mail address, optionally with a name: Verity <verity@court.example>',
    )
    .optional(),
  // --- issue #18, demo witnesses (scripts/lib/demo-witnesses.ts) ---
  /**
   * Run three demo witnesses (fictitious institutions, on this machine) with `npm start` and tell the
   * portal about them. Defaults to on with the demo data, off otherwise; never when VERITY_WITNESSES is set.
   */
  VERITY_DEMO_WITNESSES: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .optional(),
});

export type ServerEnv = z.infer<typeof ZServerEnv>;

/** Parses `env`; on failure throws an Error whose message lists every bad variable. */
export function parseServerEnv(env: Record<string, string | undefined>): ServerEnv {
  // Empty strings mean "unset" (a blank line in a shell profile should not fail start-up).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = ZServerEnv.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = issueLines(result.error).map((line) => `  - ${issueText(line)}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}
