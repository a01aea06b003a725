/**
 * `verity backup` and `verity restore` in the command list. Like `verity admin`, they work on the
 * portal's database and files with its own code, which this portable folder may not import
 * (boundary.test.ts): bin/verity.mjs runs scripts/backup.ts before this dispatcher is reached, and
 * these entries give `verity --help` their lines and answer a caller that runs the dispatcher
 * without bin (the published package, away from a portal).
 *
 * @module
 */
import { type CommandResult, printed, usageError, type VerityCommand } from '../command';

function portalOnly(name: string, synopsis: string, summary: string, usage: string): VerityCommand {
  return {
    name,
    synopsis,
    summary,
    usage,
    async run(argv): Promise<CommandResult> {
      if (argv[0] === '--help' || argv[0] === '-h') return printed(usage);
      return usageError(
        name,
        `\`verity ${name}\` runs through bin/verity.mjs in the portal's checkout (npx verity ${name} …)`,
      );
    },
  };
}

export const BACKUP = portalOnly(
  'backup',
  '<folder | file.tar.gz>',
  "back up the portal: database, evidence files, keys, witness state (the portal's checkout only)",
  `Usage: npx verity backup <folder | file.tar | file.tar.gz>

Backs up the portal's database, evidence files, keys and secrets and the demo witnesses' state,
consistently while it runs. The backup holds the court's private keys: it is written mode 0600.
Runs in the portal's checkout (it needs the portal's database): \`npx verity backup --help\` there.`,
);

export const RESTORE = portalOnly(
  'restore',
  '<backup> [--data-dir <folder>] [--force]',
  "restore a backup on a fresh machine and check it (the portal's checkout only)",
  `Usage: npx verity restore <backup folder or archive> [--data-dir <folder>] [--force]

Checks the backup against its manifest, restores it into an empty data folder or DATABASE_URL,
then runs ledger:verify and audit:verify on what it restored. Runs in the portal's checkout:
\`npx verity restore --help\` there.`,
);
