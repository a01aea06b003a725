/**
 * The arguments of `verity verify-certificate`: one certificate (PDF or JSON), and the options
 * `--file`, `--court-key`, `--log-key`, `--online <base URL>`, `--rpc <url>` (each once; `--name=value` works
 * too; ../parse-command-line.ts), `--witness-key <vkey>` (repeatable: one per witness) and `--tsa-root <PEM file>` (repeatable). Only the shape is checked here; reading files and keys is the
 * command's job.
 *
 * @module
 */
import { parseCommandLine } from '../parse-command-line';

export interface VerifyCertificateArgs {
  certificate: string;
  file?: string;
  courtKey?: string;
  logKey?: string;
  /** `--witness-key`, in the order given (empty: none pinned). */
  witnessKeys: string[];
  /** `--tsa-root <PEM file>`, repeatable: the time-stamping authorities' roots to pin. */
  tsaRoots: string[];
  /** `--rpc <url>`: a JSON-RPC endpoint of the anchor's chain, to read the anchor back. */
  rpc?: string;
  /** Present with `--online`; `base` is the portal's address (required: see `ONLINE_NEEDS_BASE`). */
  online?: { base: string };
  help?: boolean;
}

export type ParsedVerifyArgs = { ok: true; args: VerifyCertificateArgs } | { ok: false; message: string };

const OPTIONS = {
  file: { type: 'string' },
  'court-key': { type: 'string' },
  'log-key': { type: 'string' },
  'witness-key': { type: 'string', multiple: true },
  online: { type: 'string' },
  'tsa-root': { type: 'string', multiple: true },
  rpc: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Why `--online` alone is refused: nothing in the certificate says, under a signature, where to ask. */
export const ONLINE_NEEDS_BASE =
  "--online needs the court portal's address, e.g. --online https://verity.court.example: the signed " +
  'certificate carries no URL (the link printed on the PDF is not signed), so the checker does not guess where to ask';

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export function parseVerifyArgs(argv: readonly string[]): ParsedVerifyArgs {
  const parsed = parseCommandLine(argv, OPTIONS);
  if (!parsed.ok) {
    return { ok: false, message: parsed.message === '--online needs a value' ? ONLINE_NEEDS_BASE : parsed.message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, args: { certificate: '', witnessKeys: [], tsaRoots: [], help: true } };
  if (values.rpc !== undefined && !isHttpUrl(values.rpc)) {
    return {
      ok: false,
      message: `--rpc needs a JSON-RPC endpoint, an http:// or https:// URL (got ${JSON.stringify(values.rpc)})`,
    };
  }
  if (values.online !== undefined && !isHttpUrl(values.online)) {
    return { ok: false, message: `${ONLINE_NEEDS_BASE} (got ${JSON.stringify(values.online)})` };
  }
  if (positionals.length === 0) return { ok: false, message: 'name the certificate to check (a PDF or its JSON)' };
  if (positionals.length > 1) {
    return { ok: false, message: `one certificate at a time; got ${positionals.length}: ${positionals.join(' ')}` };
  }
  return {
    ok: true,
    args: {
      certificate: positionals[0] as string,
      file: values.file,
      courtKey: values['court-key'],
      logKey: values['log-key'],
      witnessKeys: values['witness-key'] ?? [],
      tsaRoots: values['tsa-root'] ?? [],
      rpc: values.rpc,
      online: values.online === undefined ? undefined : { base: values.online },
    },
  };
}
