/**
 * Example: check a file against its receipt offline — no network, only the log key you pinned.
 *
 *   VERITY_LOG_KEY='<origin>+<8 hex>+<base64>' npx tsx verify-offline.ts contract.pdf
 *
 * The log key is the text of GET <portal>/api/v1/log/key, compared once with what the court
 * publishes. Exit status 0 when the file is the one deposited and the receipt proves it.
 */
import { readFile } from 'node:fs/promises';
import { hashFile, verifyReceipt } from '@verity/client/node';

const file = process.argv[2] ?? '';
const receipt: unknown = JSON.parse(await readFile(`${file}.verity-receipt.json`, 'utf8'));
const { digests } = await hashFile(file, { algorithms: ['sha256', 'sm3'] });

const result = await verifyReceipt(receipt, { logKey: process.env.VERITY_LOG_KEY ?? '', digests });
for (const check of result.checks) console.log(`${check.ok ? '✓' : '✗'} ${check.name}: ${check.message}`);
console.log(result.ok ? 'verified' : 'NOT verified');
process.exitCode = result.ok ? 0 : 1;
