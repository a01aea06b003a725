/**
 * The arguments of `verity verify-certificate`: one certificate (PDF or JSON), and the options
 * `--file`, `--court-key`, `--log-key`, `--online [<base URL>]` (each once; `--name=value` works
 * too). Only the shape is checked here; reading files and keys is the command's job.
 *
 * @module
 */

export interface VerifyCertificateArgs {
  certificate: string;
  file?: string;
  courtKey?: string;
  logKey?: string;
  /** Present with `--online`; `base` is the portal's address (required: see `ONLINE_NEEDS_BASE`). */
  online?: { base: string };
  help?: boolean;
}

export type ParsedVerifyArgs = { ok: true; args: VerifyCertificateArgs } | { ok: false; message: string };

const VALUE_OPTIONS = { '--file': 'file', '--court-key': 'courtKey', '--log-key': 'logKey' } as const;

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
  const args: Partial<VerifyCertificateArgs> = {};
  const positional: string[] = [];
  const seen = new Set<string>();
  let onlyPositional = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (onlyPositional || !arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositional = true;
      continue;
    }
    if (arg === '--help' || arg === '-h') {
      args.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    if (name !== '--online' && !(name in VALUE_OPTIONS)) {
      return { ok: false, message: `unknown option ${name}` };
    }
    if (seen.has(name)) return { ok: false, message: `${name} is given twice` };
    seen.add(name);

    if (name === '--online') {
      // The value is optional in the syntax, so only an http(s) URL after it is taken as the value.
      const next = argv[i + 1];
      const base = inline ?? (next !== undefined && isHttpUrl(next) ? argv[++i] : undefined);
      if (base === undefined) return { ok: false, message: ONLINE_NEEDS_BASE };
      if (!isHttpUrl(base)) return { ok: false, message: `--online: ${JSON.stringify(base)} is not an http(s) URL` };
      args.online = { base };
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') return { ok: false, message: `${name} needs a value` };
    args[VALUE_OPTIONS[name as keyof typeof VALUE_OPTIONS]] = value;
  }

  if (args.help) return { ok: true, args: { certificate: '', help: true } };
  if (positional.length === 0) return { ok: false, message: 'name the certificate to check (a PDF or its JSON)' };
  if (positional.length > 1) {
    return { ok: false, message: `one certificate at a time; got ${positional.length}: ${positional.join(' ')}` };
  }
  return { ok: true, args: { ...args, certificate: positional[0] as string } };
}
