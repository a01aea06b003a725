/**
 * Server configuration, read from the environment once and validated with zod, so a bad
 * value stops start-up with a message naming the variable and what is expected.
 * Kept free of `server-only` so the start scripts can validate before Next.js runs.
 */
import { z } from 'zod';
import { issueLines, issueText } from '@/lib/errors/zod-issues';
import { isTlogError, parseCosignerVerifierKey } from '@/lib/tlog';

const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v), {
  message: 'must be a PostgreSQL URL such as postgresql://user:password@host:5432/verity',
});

const httpUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL' })
  .refine((v) => !/#/.test(v), 'must have no fragment');

const port = z.coerce
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/** At most this many witnesses: each is asked for every checkpoint, and a verifier checks each line. */
export const MAX_WITNESSES = 20;

/** One witness the log asks to cosign its checkpoints (DESIGN.md "Witnessing, tiles and anchors"). */
export const ZWitnessEntry = z.strictObject({
  /** The institution's name as people read it (示范公证处). */
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  /** Its name in English, when it has one. */
  nameEn: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
  /** Its cosigner verifier key (C2SP tlog-cosignature), <key name>+<8 hex>+<base64>. */
  verifierKey: z.string().superRefine((value, ctx) => {
    try {
      parseCosignerVerifierKey(value);
    } catch (error) {
      if (!isTlogError(error)) throw error;
      ctx.addIssue({
        code: 'custom',
        message: `must be a witness's cosigner verifier key, <name>+<8 hex>+<base64> (${error.message})`,
      });
    }
  }),
  /** Its base URL: the log POSTs to <url>/add-checkpoint (C2SP tlog-witness). */
  url: z
    .url({ protocol: /^https?$/, message: 'must be an http:// or https:// URL such as http://127.0.0.1:7381' })
    .refine((v) => !/[?#]/.test(v), 'must have no query or fragment')
    .transform((v) => v.replace(/\/+$/, '')),
});

export type WitnessEntry = z.output<typeof ZWitnessEntry>;

/** VERITY_WITNESSES: a JSON array of witnesses, each key name and URL once. */
export const ZWitnessList = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'must be a JSON array such as [{"name":"…","verifierKey":"…","url":"…"}]',
      });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(ZWitnessEntry, { error: 'must be a JSON array of witnesses' })
      .max(MAX_WITNESSES, `must list at most ${MAX_WITNESSES} witnesses`)
      .superRefine((list, ctx) => {
        const seen = { key: new Set<string>(), url: new Set<string>(), name: new Set<string>() };
        for (const [i, w] of list.entries()) {
          // A policy counts witnesses by key name (lib/tlog checkCosignatures): two entries with one name would count once.
          const keyName = w.verifierKey.split('+', 1)[0] ?? '';
          for (const [kind, value, what] of [
            ['key', keyName, `key name ${keyName}`],
            ['url', w.url, `URL ${w.url}`],
            ['name', w.name, `name ${w.name}`],
          ] as const) {
            if (seen[kind].has(value)) ctx.addIssue({ code: 'custom', path: [i], message: `lists the ${what} twice` });
            seen[kind].add(value);
          }
        }
      }),
  );

/** A size in bytes, as VERITY_MAX_UPLOAD_BYTES: a whole number from 1 to 2^53 - 1. */
const byteCount = z.coerce
  .number({ message: 'must be a whole number of bytes' })
  .int('must be a whole number of bytes')
  .min(1, 'must be at least 1 byte')
  .max(Number.MAX_SAFE_INTEGER, 'must be at most 2^53 - 1 bytes')
  .optional();

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
  /**
   * The bytes one person may hold in uploads not yet made into exhibits (in progress: the declared
   * size; completed). Defaults to 16 GiB (lib/evidence/config.ts); over it, a new upload is 413.
   */
  VERITY_PERSON_QUOTA_BYTES: byteCount,
  /**
   * The bytes one case may hold: its exhibits' stored files and its uploads in progress or completed.
   * Defaults to 64 GiB (lib/evidence/config.ts); over it, a new upload is 409.
   */
  VERITY_CASE_QUOTA_BYTES: byteCount,
  /**
   * Hours an upload may stay untouched (in progress, refused, or completed but not made into an
   * exhibit) before cleanup removes it, and its stored file if no exhibit references it. Default 24.
   */
  VERITY_UPLOAD_GRACE_HOURS: z.coerce
    .number({ message: 'must be a number of hours' })
    .min(0, 'must be 0 hours or more')
    .max(24 * 366, 'must be at most a year (8784 hours)')
    .optional(),
  /** PATCHes one person may have in flight at once, across the cluster. Defaults to 4 (lib/evidence/config.ts). */
  VERITY_UPLOADS_PER_PERSON: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .optional(),
  /** Seconds a PATCH body may go without a byte before it is ended (what arrived is kept). Defaults to 30. */
  VERITY_UPLOAD_IDLE_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds' })
    .positive('must be more than 0 seconds')
    .max(3600, 'must be at most 3600 seconds')
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
  // --- issue #18, witnessing (lib/witnessing) ---
  /**
   * The witnesses the log asks to cosign each checkpoint, a JSON array of
   * { "name", "nameEn"?, "verifierKey", "url" }. Unset or []: the log has no witnesses.
   */
  VERITY_WITNESSES: ZWitnessList.optional(),
  /** How many of VERITY_WITNESSES must cosign a checkpoint (k of n); required when witnesses are set. */
  VERITY_WITNESS_QUORUM: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
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
  // --- issue #19, anchors (lib/anchor) ---
  /** An Ethereum JSON-RPC endpoint of the chain that holds the EvidenceAnchor contract (README "Anchors"). */
  VERITY_ANCHOR_RPC_URL: httpUrl.optional(),
  /** The chain's ID (eth_chainId); a node answering another ID is refused. */
  VERITY_ANCHOR_CHAIN_ID: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(Number.MAX_SAFE_INTEGER, 'must be at most 2^53 - 1')
    .optional(),
  /** The EvidenceAnchor contract's address (contracts/EvidenceAnchor.sol, deployed by the court). */
  VERITY_ANCHOR_CONTRACT: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, 'must be a contract address, 0x and 40 hex digits')
    .transform((v) => v.toLowerCase() as `0x${string}`)
    .optional(),
  /** The key that signs anchoring transactions (0x and 64 hex digits); the contract's owner. */
  VERITY_ANCHOR_SIGNER_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, 'must be a private key, 0x and 64 hex digits')
    .transform((v) => v.toLowerCase() as `0x${string}`)
    .optional(),
  /** Instead of a key: an account the node (or its external signer, e.g. EthSigner) signs for. */
  VERITY_ANCHOR_SIGNER_ACCOUNT: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, 'must be an account address, 0x and 40 hex digits')
    .transform((v) => v.toLowerCase() as `0x${string}`)
    .optional(),
  /** The chain's name as people read it (pages, certificates); default "chain <id>". */
  VERITY_ANCHOR_CHAIN_NAME: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .optional(),
  /** A JSON-RPC endpoint the public may use: pages and the offline checker read the anchor from it. */
  VERITY_ANCHOR_PUBLIC_RPC_URL: httpUrl.optional(),
  /** Blocks counted from the anchoring transaction's own (K; 1 = included) before it counts; the block hash is then checked again. */
  VERITY_ANCHOR_CONFIRMATIONS: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1 (the block that holds the transaction)')
    .max(1000, 'must be at most 1000')
    .default(1),
  /** Anchor at most this often, in seconds (one transaction per interval whatever the volume). */
  VERITY_ANCHOR_INTERVAL_SECONDS: z.coerce
    .number({ message: 'must be a whole number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1 second')
    .max(86_400, 'must be at most 86400 seconds (a day)')
    .default(60),
  /** …or as soon as this many leaves were added since the last anchor. */
  VERITY_ANCHOR_EVERY_LEAVES: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1_000_000_000, 'must be at most 1000000000')
    .default(10_000),
  /** RFC 3161 time-stamping authorities, tried in order: URLs separated by spaces or commas. */
  VERITY_TSA_URLS: z
    .string()
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(httpUrl).min(1, 'must list at least one URL').max(10, 'must list at most 10 URLs'))
    .optional(),
  /** A PEM file with the root certificate(s) the TSAs' certificates must chain to. Required with VERITY_TSA_URLS. */
  VERITY_TSA_ROOTS: z.string().min(1, 'must not be empty').optional(),
  /** Run a local demo chain and a demo time-stamping authority with `npm start`; defaults like VERITY_DEMO_WITNESSES. */
  VERITY_DEMO_ANCHORS: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1')
    .optional(),
});

export type ServerEnv = z.infer<typeof ZServerEnv>;

const CHAIN_VARIABLES = ['VERITY_ANCHOR_RPC_URL', 'VERITY_ANCHOR_CHAIN_ID', 'VERITY_ANCHOR_CONTRACT'] as const;

/** The chain's variables go together; a signer (key or account, not both) with them; TSA roots with TSA URLs. */
function anchorIssues(env: ServerEnv): string[] {
  const problems: string[] = [];
  const set = CHAIN_VARIABLES.filter((name) => env[name] !== undefined);
  const signers = [env.VERITY_ANCHOR_SIGNER_KEY, env.VERITY_ANCHOR_SIGNER_ACCOUNT].filter((v) => v !== undefined);
  if (set.length > 0 && set.length < CHAIN_VARIABLES.length) {
    const missing = CHAIN_VARIABLES.filter((name) => env[name] === undefined);
    problems.push(`${missing.join(', ')}: must be set with ${set.join(', ')} (the chain needs all three, or none)`);
  }
  if (set.length === CHAIN_VARIABLES.length && signers.length === 0) {
    problems.push(
      'VERITY_ANCHOR_SIGNER_KEY: must be set with the chain (or VERITY_ANCHOR_SIGNER_ACCOUNT for an external signer)',
    );
  }
  if (signers.length === 2) {
    problems.push('VERITY_ANCHOR_SIGNER_ACCOUNT: is set with VERITY_ANCHOR_SIGNER_KEY; set one of the two');
  }
  if (set.length === 0 && signers.length > 0) {
    problems.push(
      'VERITY_ANCHOR_RPC_URL: must be set when a signer is (the chain needs VERITY_ANCHOR_RPC_URL, VERITY_ANCHOR_CHAIN_ID and VERITY_ANCHOR_CONTRACT)',
    );
  }
  if (env.VERITY_TSA_URLS && !env.VERITY_TSA_ROOTS) {
    problems.push("VERITY_TSA_ROOTS: must name a PEM file with the TSA's root certificate when VERITY_TSA_URLS is set");
  }
  if (!env.VERITY_TSA_URLS && env.VERITY_TSA_ROOTS) {
    problems.push('VERITY_TSA_URLS: must be set when VERITY_TSA_ROOTS is');
  }
  return problems;
}

/** The quorum against the list: 1 ≤ k ≤ n, required with witnesses, meaningless without. */
function witnessIssues(env: ServerEnv): string[] {
  const count = env.VERITY_WITNESSES?.length ?? 0;
  const quorum = env.VERITY_WITNESS_QUORUM;
  if (count === 0 && quorum !== undefined) {
    return ['VERITY_WITNESS_QUORUM: is set, but VERITY_WITNESSES lists no witness (set both, or neither)'];
  }
  if (count > 0 && quorum === undefined) {
    return [`VERITY_WITNESS_QUORUM: must be set when VERITY_WITNESSES lists witnesses (a number from 1 to ${count})`];
  }
  if (quorum !== undefined && quorum > count) {
    return [`VERITY_WITNESS_QUORUM: must be at most ${count}, the number of witnesses in VERITY_WITNESSES`];
  }
  return [];
}

/** Parses `env`; on failure throws an Error whose message lists every bad variable. */
export function parseServerEnv(env: Record<string, string | undefined>): ServerEnv {
  // Empty strings mean "unset" (a blank line in a shell profile should not fail start-up).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = ZServerEnv.safeParse(cleaned);
  const problems = result.success
    ? [...witnessIssues(result.data), ...anchorIssues(result.data)]
    : issueLines(result.error).map((line) => issueText(line));
  if (result.success && problems.length === 0) return result.data;
  throw new Error(`Invalid configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
}

/** The witnesses and quorum alone (lib/witnessing reads them per process); throws like parseServerEnv. */
export function parseWitnessEnv(env: Record<string, string | undefined>): {
  witnesses: WitnessEntry[];
  quorum: number;
} {
  const pick = (name: string) => (env[name] === '' ? undefined : env[name]);
  const result = ZServerEnv.pick({ VERITY_WITNESSES: true, VERITY_WITNESS_QUORUM: true }).safeParse({
    VERITY_WITNESSES: pick('VERITY_WITNESSES'),
    VERITY_WITNESS_QUORUM: pick('VERITY_WITNESS_QUORUM'),
  });
  const problems = result.success
    ? witnessIssues(result.data as ServerEnv)
    : issueLines(result.error).map((line) => issueText(line));
  if (!result.success || problems.length > 0) {
    throw new Error(`Invalid configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
  return { witnesses: result.data.VERITY_WITNESSES ?? [], quorum: result.data.VERITY_WITNESS_QUORUM ?? 0 };
}

export const ANCHOR_VARIABLES = [
  'VERITY_ANCHOR_RPC_URL',
  'VERITY_ANCHOR_CHAIN_ID',
  'VERITY_ANCHOR_CONTRACT',
  'VERITY_ANCHOR_SIGNER_KEY',
  'VERITY_ANCHOR_SIGNER_ACCOUNT',
  'VERITY_ANCHOR_CHAIN_NAME',
  'VERITY_ANCHOR_PUBLIC_RPC_URL',
  'VERITY_ANCHOR_CONFIRMATIONS',
  'VERITY_ANCHOR_INTERVAL_SECONDS',
  'VERITY_ANCHOR_EVERY_LEAVES',
  'VERITY_TSA_URLS',
  'VERITY_TSA_ROOTS',
] as const;

export type AnchorEnv = Pick<ServerEnv, (typeof ANCHOR_VARIABLES)[number]>;

/** The anchoring variables alone (lib/anchor reads them per process); throws like parseServerEnv. */
export function parseAnchorEnv(env: Record<string, string | undefined>): AnchorEnv {
  const picked = Object.fromEntries(ANCHOR_VARIABLES.map((name) => [name, env[name] === '' ? undefined : env[name]]));
  const schema = ZServerEnv.pick(
    Object.fromEntries(ANCHOR_VARIABLES.map((name) => [name, true])) as Record<(typeof ANCHOR_VARIABLES)[number], true>,
  );
  const result = schema.safeParse(picked);
  const problems = result.success
    ? anchorIssues(result.data as ServerEnv)
    : issueLines(result.error).map((line) => issueText(line));
  if (!result.success || problems.length > 0) {
    throw new Error(`Invalid configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
  return result.data;
}
