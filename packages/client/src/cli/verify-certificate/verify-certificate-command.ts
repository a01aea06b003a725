/**
 * `verity verify-certificate <cert.pdf|cert.json> [--file <original>] [--log-key <vkey>]
 * [--court-key <pubkey>] [--witness-key <vkey>]… [--online <base URL>]`: checks a certificate
 * offline, with the same `verifyCertificate` as the check page, and prints one line per check
 * (`✓ name: message`) and, for a certificate from a log with witnesses, who vouched.
 *
 * A PDF is recognised by its content (`%PDF-`), and its attached `certificate.json` is checked
 * (`attachment`); anything else is read as the JSON file. `--file` hashes the original (SHA-256
 * and SM3) and compares it (`file_digests`). Nothing touches the network unless `--online` names
 * the portal to ask about revocation (`revocation`).
 *
 * Exit codes (../exit-codes.ts): 0 every check passed, 1 a check failed, 2 a usage error (bad
 * arguments, a file that cannot be read). The file system, the hasher and fetch are injected
 * (../command.ts): this module is tested in process, and ../main.ts wires Node's.
 *
 * @module
 */
import type { CertificateFile } from '@/lib/certificates/format/certificate-body';
import {
  type CertificateCheck,
  type VerifyCertificateOptions,
  verifyCertificate,
} from '@/lib/certificates/format/verify-certificate';
import { CertificatePdfError, extractAttachedCertificate } from '@/lib/certificates/pdf/pdf-attachment';
import { isDepositCertificateJson } from '@/lib/deposit-certificates/format/deposit-certificate-body';
import { type CliDeps, type CommandResult, printed, usageError, type VerityCommand } from '../command';
import { EXIT } from '../exit-codes';
import { anchorLines } from './anchor-lines';
import { checkOnlineStatus, courtTime } from './check-online-status';
import { depositCertificateResult } from './deposit-certificate-result';
import { parseVerifyArgs, type VerifyCertificateArgs } from './parse-verify-args';
import { readCourtKey, readLogKey, readWitnessKey } from './read-pinned-keys';
import { witnessLines } from './witness-lines';

/** What this command uses of the CLI's I/O. */
export type VerifyCertificateDeps = Pick<CliDeps, 'readFile' | 'hashFile' | 'fetch'>;

interface Line {
  name: string;
  ok: boolean;
  message: string;
  /** False: not made (the chain anchor without --rpc), printed with "–". */
  checked?: boolean;
}

const mark = (line: Line) => (line.checked === false ? '–' : line.ok ? '✓' : '✗');

export const VERIFY_CERTIFICATE_USAGE = `Usage: npx verity verify-certificate <cert.pdf|cert.json> [options]

Checks a Verity verification certificate offline: the court's signature, the deposit leaf,
the ledger checkpoint's signature and the inclusion proof, and — for a certificate from a ledger
with witnesses — the witnesses' signatures on that checkpoint: who vouched, and whether enough of
them did (the quorum); and where the certificate carries anchors, the anchored checkpoint, the
trusted timestamp (RFC 3161) and, with --rpc, the anchor on the chain. Nothing is sent anywhere unless --online or --rpc is given. A deposit certificate
(存证证书) is recognised by its format and checked as one: the signature, and for each deposit its
leaf, title and file name, checkpoint, proof and witnesses.

Options:
  --file <original>       also hash the original file (SHA-256 and SM3) and compare its digests
  --court-key <key|file>  the court's public key: base64 (GET <portal>/api/v1/certificates/key),
                          or a file with it (text, JSON, PEM or DER public key, 32 raw bytes)
  --log-key <key|file>    the ledger's verifier key (GET <portal>/api/v1/log/key), or a file with it
  --witness-key <key|file>  a witness's verifier key (<name>+<8 hex>+<base64>; GET
                          <portal>/api/v1/log/witnesses, or from the witness itself); give it once
                          per witness you trust. The certificate's witness keys must then be
                          exactly these, and only these count towards its quorum
  --tsa-root <PEM file>   the time-stamping authority's root certificate to pin (repeatable); without
                          it the trusted timestamp is checked against the root the certificate carries
  --rpc <url>             a JSON-RPC endpoint of the chain the deposit is anchored on: the anchor is
                          read back from the chain (without it: "not checked")
  --online <portal URL>   also ask the portal whether the certificate was revoked
  -h, --help              this help

Without --court-key and --log-key the keys are taken from the certificate itself: the check then
shows the certificate is intact, not who signed it. Likewise without --witness-key the witnesses'
signatures are checked against the witness list in the certificate.

Witnesses: a signature by a witness that does not check is reported and not counted; it fails
nothing while enough others signed. A certificate issued before enough witnesses had signed says
so ("not yet witnessed") and passes — unless --witness-key is given: then the quorum must be met
by the pinned keys. Failing (exit 1): a certificate that says "witnessed" without enough valid
signatures; with --witness-key, witness keys that differ from the pinned ones, or a quorum not met
by them (also for an older certificate that names no witnesses).

Exit status: 0 every check passed, 1 a check failed, 2 usage error (bad arguments, unreadable file
or key).`;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** A PDF by content: readers accept the header anywhere in the first 1024 bytes (ISO 32000 §7.5.2 note). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF_MAGIC.length, 1024);
  for (let i = 0; i <= end; i++) {
    if (PDF_MAGIC.every((b, j) => bytes[i + j] === b)) return true;
  }
  return false;
}

function usage(message: string): CommandResult {
  return usageError('verify-certificate', message);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Inputs = {
  bytes: Uint8Array;
  options: VerifyCertificateOptions;
  tsaRoots: string[];
  original?: Awaited<ReturnType<VerifyCertificateDeps['hashFile']>>;
};

/** Everything the person named is read first, so that a usage error never prints half a result. */
async function readInputs(args: VerifyCertificateArgs, deps: VerifyCertificateDeps): Promise<Inputs | CommandResult> {
  let bytes: Uint8Array;
  try {
    bytes = await deps.readFile(args.certificate);
  } catch (error) {
    return usage(`cannot read ${args.certificate}: ${errorText(error)}`);
  }
  const options: VerifyCertificateOptions = {};
  const tsaRoots: string[] = [];
  for (const file of args.tsaRoots) {
    let text: string;
    try {
      text = new TextDecoder().decode(await deps.readFile(file));
    } catch (error) {
      return usage(`cannot read --tsa-root ${file}: ${errorText(error)}`);
    }
    const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
    if (!pems) return usage(`--tsa-root ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    tsaRoots.push(...pems.map((pem) => `${pem}\n`));
  }
  if (args.courtKey !== undefined) {
    const key = await readCourtKey(args.courtKey, deps.readFile);
    if (!key.ok) return usage(key.message);
    options.courtPublicKey = key.value;
  }
  if (args.logKey !== undefined) {
    const key = await readLogKey(args.logKey, deps.readFile);
    if (!key.ok) return usage(key.message);
    options.logVerifierKey = key.value;
  }
  if (args.witnessKeys.length > 0) {
    const keys: string[] = [];
    for (const value of args.witnessKeys) {
      const key = await readWitnessKey(value, deps.readFile);
      if (!key.ok) return usage(key.message);
      keys.push(key.value);
    }
    options.witnessKeys = keys;
  }
  if (args.file === undefined) return { bytes, options, tsaRoots };
  try {
    const original = await deps.hashFile(args.file);
    options.fileDigests = { sha256: original.sha256, sm3: original.sm3 };
    return { bytes, options, original, tsaRoots };
  } catch (error) {
    return usage(`cannot read --file ${args.file}: ${errorText(error)}`);
  }
}

export async function verifyCertificateCommand(
  argv: readonly string[],
  deps: VerifyCertificateDeps,
): Promise<CommandResult> {
  const parsed = parseVerifyArgs(argv);
  if (!parsed.ok) return usage(parsed.message);
  const args = parsed.args;
  if (args.help) return printed(VERIFY_CERTIFICATE_USAGE);
  const inputs = await readInputs(args, deps);
  if ('exitCode' in inputs) return inputs;
  const { bytes, options, original, tsaRoots } = inputs;

  const lines: Line[] = [];
  const out: string[] = [`Checking ${args.certificate}`];
  let json: Uint8Array | null = bytes;
  if (looksLikePdf(bytes)) {
    try {
      json = await extractAttachedCertificate(bytes);
      lines.push({
        name: 'attachment',
        ok: true,
        message: `certificate.json (${json.length} bytes) read from the PDF`,
      });
    } catch (error) {
      const message =
        error instanceof CertificatePdfError ? error.message : `the PDF cannot be read: ${errorText(error)}`;
      lines.push({ name: 'attachment', ok: false, message });
      json = null;
    }
  }

  // A deposit certificate (存证证书) is checked by its own rules, and never as a verification certificate.
  if (json && isDepositCertificateJson(parseQuietly(json))) {
    return depositCertificateResult(out, lines, json, options, args.online !== undefined, {
      tsaRoots,
      rpcUrl: args.rpc,
      fetch: (input, init) => deps.fetch(input instanceof Request ? input.url : String(input), init),
    });
  }
  const check: CertificateCheck | null = json ? verifyCertificate(json, options) : null;
  if (check) lines.push(...check.checks);
  if (check?.file)
    out.push(...describeFile(check.file, original), ...witnessLines(check.file.body, [check.witnessing]));
  if (check) {
    const anchors = await anchorLines(check, {
      tsaRoots,
      rpcUrl: args.rpc,
      fetch: (input, init) => deps.fetch(input instanceof Request ? input.url : String(input), init),
    });
    lines.push(...anchors.lines);
    out.push(...anchors.facts);
  }

  if (args.online) {
    if (!check?.file) {
      lines.push({ name: 'revocation', ok: false, message: 'not asked: the certificate could not be read' });
    } else {
      const status = await checkOnlineStatus(check.file, args.online.base, deps.fetch);
      lines.push({ name: 'revocation', ok: status.ok, message: `${status.message} (asked ${status.url})` });
    }
  }

  out.push('');
  for (const line of lines) out.push(`${mark(line)} ${line.name}: ${line.message}`);
  out.push('', ...notes(check, args.online !== undefined));
  const failed = lines.filter((l) => !l.ok);
  const made = lines.filter((l) => l.checked !== false);
  out.push(
    failed.length === 0
      ? `Result: OK — all ${made.length} checks passed${made.length < lines.length ? ` (${lines.length - made.length} not made)` : ''}.`
      : `Result: FAILED — ${failed.length} of ${lines.length} checks failed: ${failed.map((l) => l.name).join(', ')}.`,
  );
  return { exitCode: failed.length === 0 ? EXIT.OK : EXIT.FAILED, stdout: out, stderr: [] };
}

/** The command as the dispatcher lists it. */
export const VERIFY_CERTIFICATE: VerityCommand = {
  name: 'verify-certificate',
  synopsis: '<cert.pdf|cert.json>',
  summary: 'check a verification certificate offline (and, with --online, whether it was revoked)',
  usage: VERIFY_CERTIFICATE_USAGE,
  run: verifyCertificateCommand,
};

function parseQuietly(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** What the certificate states (trust it only if every check passed). */
function describeFile(file: CertificateFile, original: { bytes: number } | undefined): string[] {
  const { body } = file;
  const exhibitFile =
    body.exhibit.fileName !== null
      ? ` (${body.exhibit.fileName}${body.exhibit.size !== null ? `, ${body.exhibit.size} bytes` : ''})`
      : '';
  return [
    'As the certificate states (rely on it only if every check below passes):',
    `  certificate  ${body.number}  (ID ${body.id})`,
    `  court        ${body.court.nameZh} / ${body.court.nameEn}`,
    `  case         ${body.case.number}`,
    `  exhibit      ${body.exhibit.number}: ${body.exhibit.title}${exhibitFile}`,
    `  SHA-256      ${body.digests.sha256}`,
    `  SM3          ${body.digests.sm3}`,
    `  verdict      ${body.verdict}`,
    ...(body.deposit
      ? [`  deposited    ${courtTime(body.deposit.depositedAt)} by ${body.deposit.depositor.name}`]
      : []),
    `  issued       ${courtTime(body.issuedAt)} by ${body.issuer.name}`,
    ...(original ? [`  --file       ${original.bytes} bytes hashed`] : []),
  ];
}

function notes(check: CertificateCheck | null, online: boolean): string[] {
  const out: string[] = [];
  const courtUnpinned = check?.courtKey && !check.courtKey.pinned;
  const logUnpinned = check?.logKey?.source === 'certificate';
  const witnessesUnpinned = check?.file?.body.version === 2 && !check.witnessing?.pinned;
  if (courtUnpinned || logUnpinned) {
    const which = [courtUnpinned ? 'court key' : null, logUnpinned ? 'log key' : null].filter(Boolean);
    out.push(
      `Note: the ${which.join(' and ')} ${which.length > 1 ? 'were' : 'was'} taken from the certificate itself — not pinned: checks integrity, not who signed.`,
      '      Pin them with --court-key (GET <portal>/api/v1/certificates/key) and --log-key (GET <portal>/api/v1/log/key).',
    );
  }
  if (witnessesUnpinned) {
    out.push(
      "Note: the witnesses' signatures were checked against the witness list in the certificate — not pinned (add --witness-key, once per witness).",
    );
  }
  if (!online) out.push('Note: offline check; revocation not asked (add --online <portal URL> to ask).');
  return out;
}
