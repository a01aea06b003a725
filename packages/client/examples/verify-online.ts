/**
 * Example: check a receipt online and watch the log — a fresh proof from the portal, and the
 * log proven consistent with the newest checkpoint this program verified on an earlier run
 * (kept in a file). A log that showed another history since throws VerityError FORK, with both
 * signed checkpoints and the proof as evidence.
 *
 *   VERITY_URL=https://verity.court.example VERITY_LOG_KEY='<origin>+…' \
 *     npx tsx verify-online.ts contract.pdf.verity-receipt.json checkpoints.json
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileCheckpointStore, VerityClient, VerityError } from '@verity/client/node';

const [receiptFile = '', stateFile = 'checkpoints.json'] = process.argv.slice(2);
const client = new VerityClient({
  url: process.env.VERITY_URL ?? '',
  logKey: process.env.VERITY_LOG_KEY,
  checkpoints: fileCheckpointStore(stateFile),
  onWarning: (message) => console.error(`warning: ${message}`),
});

try {
  const result = await client.verifyReceipt(JSON.parse(await readFile(receiptFile, 'utf8')), { online: true });
  for (const check of result.checks) console.log(`${check.ok ? '✓' : '✗'} ${check.name}: ${check.message}`);
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  if (!(error instanceof VerityError)) throw error;
  console.error(`${error.code}: ${error.message}`);
  if (error.code === 'FORK') await writeFile('fork-evidence.json', JSON.stringify(error.evidence, null, 2));
  process.exitCode = error.code === 'UNAVAILABLE' ? 3 : 1;
}
