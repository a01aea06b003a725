/**
 * `npm run audit:verify`: audits the chain-of-custody log (lib/audit/verify-audit-log.ts) in the
 * portal's database: DATABASE_URL, or the embedded one in the data folder (reused if `npm start`
 * is running it, otherwise started for the audit and stopped again). Read-only: no migrations, no
 * demo data. Prints OK with the event count and the head, or the findings and the first bad event.
 * Exit status: 0 intact, 1 findings, 2 the audit could not run (usage, configuration, database).
 */
import pg from 'pg';
import { type AuditHead, formatAuditHead, parseAuditHead } from '../lib/audit/audit-head';
import { formatAuditReport } from '../lib/audit/format-audit-report';
import { verifyAuditLog } from '../lib/audit/verify-audit-log';
import { parseServerEnv, type ServerEnv } from '../lib/env/server-env';
import { openOperatorDatabase } from './lib/operator-database';

const USAGE = `usage: npm run audit:verify [-- --expect-head <seq>:<hash> ...]

Checks every event of the chain-of-custody log: each hash against its body, each body against
its row, sequence numbers without gaps, and each event's link to the one before it.

  --expect-head <seq>:<hash>  a head printed by an earlier run (repeatable): that event must
                              still be in the log with that hash. Without one, events removed
                              from the end of the log cannot be detected.
  DATABASE_URL                the database; without it, the embedded one in VERITY_DATA_DIR (default .data)

Exit status: 0 the log is intact, 1 problems were found, 2 the audit could not run.`;

/** A mistake in how the audit was invoked: exit 2 with the message alone. */
class ConfigError extends Error {}

const say = (line: string) => console.error(`audit:verify: ${line}`);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function parseArgs(argv: readonly string[]): AuditHead[] {
  const heads: AuditHead[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const inline = arg.startsWith('--expect-head=') ? arg.slice('--expect-head='.length) : undefined;
    if (arg !== '--expect-head' && inline === undefined) throw new ConfigError(`unexpected argument ${arg}\n${USAGE}`);
    const text = inline ?? argv[++i];
    if (text === undefined) throw new ConfigError(`--expect-head needs a value <seq>:<hash>\n${USAGE}`);
    try {
      heads.push(parseAuditHead(text));
    } catch (error) {
      throw new ConfigError(`--expect-head: ${messageOf(error)}`);
    }
  }
  return heads;
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const expectHeads = parseArgs(argv);
  let env: ServerEnv;
  try {
    env = parseServerEnv(process.env);
  } catch (error) {
    throw new ConfigError(messageOf(error));
  }
  const db = await openOperatorDatabase(env, say).catch((error: unknown) => {
    throw new ConfigError(messageOf(error));
  });
  const interrupt = () => void db.stop().finally(() => process.exit(130));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  try {
    const { rows } = await pool.query<{ ok: boolean }>("SELECT to_regclass('audit_events') IS NOT NULL AS ok");
    if (!rows[0]?.ok) throw new ConfigError('the database has no audit_events table: run npm run db:migrate');
    const u = new URL(db.url);
    say(
      `auditing ${u.hostname}:${u.port}${u.pathname}${expectHeads.map((h) => `, expecting ${formatAuditHead(h)}`).join('')}…`,
    );
    let lastSaid = Date.now();
    const report = await verifyAuditLog({
      pool,
      expectHeads,
      onProgress: ({ count }) => {
        if (Date.now() - lastSaid < 2000) return;
        lastSaid = Date.now();
        say(`${count} events checked…`);
      },
    });
    for (const line of formatAuditReport(report)) console.log(line);
    return report.ok ? 0 : 1;
  } finally {
    await pool.end();
    await db.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(error instanceof ConfigError ? error.message : `could not complete the audit: ${messageOf(error)}`);
    process.exit(2);
  },
);
