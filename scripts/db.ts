/**
 * `npm run db:migrate` and `npm run db:seed`: apply migrations (and, for db:seed, the demo
 * data) to DATABASE_URL, or to the embedded database, which is started and stopped again.
 */
import { parseServerEnv } from '../lib/env/server-env';
import { prepareRuntime } from './lib/prepare-runtime';

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'migrate' && command !== 'seed') {
    console.error('usage: tsx scripts/db.ts migrate|seed');
    process.exit(2);
  }
  const env = parseServerEnv(process.env);
  // migrate never seeds; seed always does, even against an external database.
  const runtime = await prepareRuntime({
    env: { ...env, VERITY_DEMO: command === 'seed' },
    log: (line) => console.log(`verity: ${line}`),
    demoWitnesses: false, // nothing here needs them
    demoAnchors: false,
  });
  await runtime.stop();
}

main().catch((error) => {
  console.error(`verity: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
