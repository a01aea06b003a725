/**
 * `verity verify <file> [--receipt <r.json>] [--offline] [--url <portal>] [--log-key <key|file>]
 * [--witness-key <key|file>]… [--quorum k] [--json]`: is this file the one deposited, and is its
 * receipt a proof? Both digests of the file are computed (CliDeps.hashFile) and the receipt
 * checked offline against the pinned keys (sdk/verify-receipt.ts); online (the default), the
 * portal is also asked for a fresh receipt and the log proven consistent with the receipt's
 * checkpoint and with the checkpoint remembered from earlier runs (sdk/verity-client.ts).
 *
 * Exit codes (../exit-codes.ts): 0 verified; 1 a check failed (a changed file, a bad proof, a
 * fork); 2 usage (bad arguments, an unreadable file or receipt, no pinned log key offline); 3 the
 * portal could not be reached (online; nothing concluded).
 *
 * @module
 */
import { fileCheckpointStore } from '../../node/checkpoint-file-store';
import { VerityError } from '../../sdk/errors';
import type { ReceiptCheck, ReceiptVerification } from '../../sdk/verify-receipt';
import { verifyReceipt } from '../../sdk/verify-receipt';
import { VerityClient } from '../../sdk/verity-client';
import { type CliDeps, type CommandResult, printed, usageError, type VerityCommand } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { parseVerifyFileArgs } from './parse-verify-file-args';
import { resolveVerifySettings } from './verify-settings';

export const VERIFY_USAGE = `Usage: npx verity verify <file> [options]

Checks that <file> is the file deposited and that its receipt proves it: the file's SHA-256 and
SM3 are computed and compared with the receipt's leaf, and the receipt's proof is checked against
the pinned log key — the leaf in the log's tree, the checkpoint signed by the log, and with
witness keys, enough witnesses' cosignatures. Online (the default), the portal is also asked for
a fresh receipt, and the log is proven consistent with the receipt's checkpoint and with the
newest checkpoint verified before (remembered in ~/.config/verity/checkpoints.json).

Options:
  --receipt <file>          the receipt (default: <file>.verity-receipt.json)
  --offline                 ask no portal: the receipt and the pinned keys only
  --url <portal>            the portal (or VERITY_URL, or "url" in verity.config.json)
  --log-key <key|file>      the log's verifier key (GET <portal>/api/v1/log/key), or a file with it;
                            or VERITY_LOG_KEY, or "logKey" in verity.config.json. Required offline
  --witness-key <key|file>  a witness's verifier key, once per witness; its cosignatures must
                            then reach the quorum (or "witnessKeys" in verity.config.json)
  --quorum <k>              how many of the witness keys must have cosigned (default: all)
  --retries <n>             retries of a failed request to the portal, waiting 0.5, 1, 2, 4, 8 s
                            (default 5)
  --config <file>           the configuration file (default: $VERITY_CONFIG, ./verity.config.json,
                            ~/.config/verity/config.json)
  --json                    one JSON object instead of lines
  -h, --help                this help

Exit status: 0 verified, 1 a check failed (the file changed, a bad proof, a fork of the log),
2 usage error (bad arguments, an unreadable file or receipt, no log key pinned for --offline),
3 the portal could not be reached (nothing concluded).`;

type Deps = Pick<CliDeps, 'readFile' | 'hashFile' | 'fetch' | 'cwd' | 'env' | 'home'>;

const usage = (message: string) => usageError('verify', message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function verifyCommand(argv: readonly string[], deps: Deps): Promise<CommandResult> {
  const parsed = parseVerifyFileArgs(argv);
  if (!parsed.ok) return usage(parsed.message);
  if (parsed.args.help) return printed(VERIFY_USAGE);
  const resolved = await resolveVerifySettings(parsed.args, deps);
  if (!resolved.ok) return usage(resolved.message);
  const settings = resolved.settings;

  let receiptJson: unknown;
  let receiptText: string;
  try {
    receiptText = new TextDecoder().decode(await deps.readFile(settings.receiptPath));
  } catch (error) {
    return usage(`cannot read the receipt ${settings.receiptPath}: ${messageOf(error)}`);
  }
  try {
    receiptJson = JSON.parse(receiptText);
  } catch {
    receiptJson = undefined; // reported by the schema check: a damaged receipt is a failed check
  }
  let hashed: Awaited<ReturnType<Deps['hashFile']>>;
  try {
    hashed = await deps.hashFile(settings.file);
  } catch (error) {
    return usage(`cannot read ${settings.file}: ${messageOf(error)}`);
  }
  const digests = { sha256: hashed.sha256, sm3: hashed.sm3 };
  const warnings: string[] = [];
  let result: ReceiptVerification;
  let fatal: { exitCode: ExitCode; check: ReceiptCheck; detail?: string } | undefined;
  if (!settings.url) {
    result = await verifyReceipt(receiptJson, {
      logKey: settings.logKey ?? '',
      witnesses: settings.witnesses,
      digests,
    });
  } else {
    const client = new VerityClient({
      url: settings.url,
      fetch: (input, init) => deps.fetch(input instanceof Request ? input.url : String(input), init),
      ...(settings.logKey ? { logKey: settings.logKey } : {}),
      ...(settings.witnesses ? { witnesses: settings.witnesses } : {}),
      ...(settings.checkpointsFile ? { checkpoints: fileCheckpointStore(settings.checkpointsFile) } : {}),
      ...(parsed.args.retries === undefined ? {} : { retries: parsed.args.retries }),
      onWarning: (m) => warnings.push(`Warning: ${m}`),
    });
    try {
      result = await client.verifyReceipt(receiptJson, { digests, online: true });
    } catch (error) {
      if (!(error instanceof VerityError)) throw error;
      // The offline part still says what it can; the failure is added after it.
      result = settings.logKey
        ? await verifyReceipt(receiptJson, { logKey: settings.logKey, witnesses: settings.witnesses, digests })
        : { ok: false, checks: [] };
      fatal = failureOf(error);
    }
  }
  const checks = fatal ? [...result.checks, fatal.check] : result.checks;
  const failedChecks = checks.filter((c) => !c.ok);
  const exitCode: ExitCode = fatal?.exitCode ?? (failedChecks.length === 0 ? EXIT.OK : EXIT.FAILED);
  const stderr = [...warnings, ...(fatal?.detail ? [fatal.detail] : [])];

  if (parsed.args.json) {
    const outcome = exitCode === EXIT.OK ? 'verified' : exitCode === EXIT.UNREACHABLE ? 'unavailable' : 'failed';
    const json = {
      result: outcome,
      file: settings.file,
      receipt: settings.receiptPath,
      bytes: hashed.bytes,
      digests,
      online: settings.url !== undefined,
      deposit: result.receipt
        ? { id: result.receipt.id, depositedAt: result.receipt.depositedAt, depositor: result.receipt.depositor }
        : null,
      checks,
      witnessed: result.witnessed ?? null,
    };
    return { exitCode, stdout: [JSON.stringify(json)], stderr };
  }
  const out = [
    `Checking ${settings.file} (${hashed.bytes} bytes) against ${settings.receiptPath}`,
    `  SHA-256  ${digests.sha256}`,
    `  SM3      ${digests.sm3}`,
  ];
  if (result.receipt) {
    const r = result.receipt;
    out.push(
      `  deposit  ${r.id}, ${r.depositedAt} by ${r.depositor.name} (as the receipt says; rely on it only if every check passes)`,
    );
  }
  out.push('', ...checks.map((c) => `${c.checked === false ? '–' : c.ok ? '✓' : '✗'} ${c.name}: ${c.message}`), '');
  if (!settings.url)
    out.push('Note: offline check; the portal was not asked for a fresh proof or the log’s consistency.');
  out.push(
    exitCode === EXIT.OK
      ? `Result: OK — all ${checks.length} checks passed: the file is the one deposited.`
      : exitCode === EXIT.UNREACHABLE
        ? 'Result: UNAVAILABLE — the portal could not be reached; nothing concluded (try again, or --offline).'
        : `Result: FAILED — ${failedChecks.length} of ${checks.length} checks failed: ${failedChecks.map((c) => c.name).join(', ')}.`,
  );
  return { exitCode, stdout: out, stderr };
}

function failureOf(error: VerityError): { exitCode: ExitCode; check: ReceiptCheck; detail?: string } {
  switch (error.code) {
    case 'FORK':
      return {
        exitCode: EXIT.FAILED,
        check: { name: 'consistency', ok: false, message: error.message },
        detail: `Evidence of the fork (keep it): ${JSON.stringify(error.evidence)}`,
      };
    case 'UNAVAILABLE':
    case 'INVALID_RESPONSE':
    case 'ABORTED':
      return { exitCode: EXIT.UNREACHABLE, check: { name: 'portal', ok: false, message: error.message } };
    default:
      // HTTP 404 (the portal has no such deposit), 401…: the portal answered, and it denies the receipt.
      return { exitCode: EXIT.FAILED, check: { name: 'fresh', ok: false, message: error.message } };
  }
}

export const VERIFY: VerityCommand = {
  name: 'verify',
  synopsis: '<file>',
  summary: 'check a file against its deposit receipt (offline with --offline; online also the log’s consistency)',
  usage: VERIFY_USAGE,
  run: verifyCommand,
};
