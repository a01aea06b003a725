/**
 * Tests only (demo-witnesses.test.ts): a starter like `npm start` in miniature — the demo
 * witnesses, Ctrl-C and SIGTERM handled as scripts/start.ts handles them — run as
 * `node --import tsx scripts/lib/demo-witnesses.testing.ts <folder> <log verifier key>`.
 * Prints one JSON line with the witnesses' pids and ports when ready, "Stopped." at the end.
 */
import { startDemoWitnesses } from './demo-witnesses';

const [dir, logVerifierKey] = process.argv.slice(2);
if (!dir || !logVerifierKey) throw new Error('usage: demo-witnesses.testing.ts <folder> <log verifier key>');
const running = await startDemoWitnesses({ dir, logVerifierKey, error: (line) => console.error(line) });
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  // As npm start: the portal would stop first; give the witnesses time to see the terminal's Ctrl-C.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await running.stop();
  console.log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
console.log(JSON.stringify(running.witnesses.map((w) => ({ pid: w.pid, port: w.port }))));
