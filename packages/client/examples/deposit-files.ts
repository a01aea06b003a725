/**
 * Example: deposit files' digests and keep each receipt beside its file.
 *
 *   VERITY_URL=https://verity.court.example VERITY_API_KEY=vrt_… \
 *     npx tsx deposit-files.ts contract.pdf invoice.pdf …
 *
 * Each file is hashed locally (SHA-256 and SM3, streamed: only digests leave the machine), the
 * statements are deposited in batches of up to 1000 (one Idempotency-Key per batch, reused on a
 * retry: nothing is deposited twice), and each receipt is written as <file>.verity-receipt.json
 * as soon as its batch is answered.
 */
import { writeFile } from 'node:fs/promises';
import { type DepositRequestInput, hashFile, VerityClient, VerityError } from '@verity/client/node';

const files = process.argv.slice(2);
const client = new VerityClient({ url: process.env.VERITY_URL ?? '', apiKey: process.env.VERITY_API_KEY });

const requests: DepositRequestInput[] = [];
for (const file of files) {
  const { digests } = await hashFile(file, { algorithms: ['sha256', 'sm3'] });
  requests.push({ digests, title: file });
}

try {
  await client.depositMany(requests, {
    onBatch: async ({ offset, receipts }) => {
      for (const [i, receipt] of receipts.entries()) {
        const file = files[offset + i];
        await writeFile(`${file}.verity-receipt.json`, `${JSON.stringify(receipt, null, 2)}\n`);
        console.log(`${file}: deposit ${receipt.id} (${receipt.status})`);
      }
    },
  });
} catch (error) {
  if (!(error instanceof VerityError)) throw error;
  // error.code: UNAVAILABLE (portal down), UNAUTHORIZED (key), HTTP (the portal's code in error.portalCode)…
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
}
