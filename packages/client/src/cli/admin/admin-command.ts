/**
 * `verity admin …` in the command list. The administration commands work on the portal's database
 * with its domain code, which this portable folder may not import (boundary.test.ts), so
 * bin/verity.mjs runs them from scripts/admin.ts before this dispatcher is reached; this entry
 * gives `verity --help` its line and answers a caller that runs the dispatcher without bin.
 *
 * @module
 */
import { type CommandResult, printed, usageError, type VerityCommand } from '../command';

const USAGE = `Usage: npx verity admin setup --court-zh <name> --court-en <name> --code <code> --url <public URL>
                            --admin-name <name> --admin-email <address> [--locale zh-CN|en]

Sets up the court and its first administrator on an empty database, as the link \`npm start\`
prints does; the password is read from VERITY_ADMIN_PASSWORD or standard input. Runs in the
portal's checkout (it needs the portal's database): \`npx verity admin setup --help\` there.`;

export const ADMIN: VerityCommand = {
  name: 'admin',
  synopsis: 'setup …',
  summary: "set up a court and its first administrator (the portal's checkout only)",
  usage: USAGE,
  async run(argv): Promise<CommandResult> {
    if (argv[0] === '--help' || argv[0] === '-h') return printed(USAGE);
    return usageError(
      'admin',
      "the admin commands run through bin/verity.mjs in the portal's checkout (npx verity admin …)",
    );
  },
};
