/**
 * The built-in RFC 3161 responder (lib/anchor/rfc3161/responder.ts) in a process of its own, for
 * bench/timestamps.ts: `node --import tsx bench/lib/timestamp-responder-process.ts <dir>` prints
 * its URL on one line and serves until SIGTERM.
 */
import { startTimestampResponder } from '@/lib/anchor/rfc3161/responder';

const dir = process.argv[2];
if (!dir) throw new Error('usage: timestamp-responder-process.ts <authority folder>');
const responder = await startTimestampResponder({ dir });
process.stdout.write(`${responder.url}\n`);
process.once('SIGTERM', () => {
  responder.stop().then(() => process.exit(0));
});
