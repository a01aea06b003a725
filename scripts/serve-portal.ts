/**
 * The portal alone (front server + Next.js), configured entirely by the environment
 * (DATABASE_URL, the ledger's secrets, PORT, HOST, VERITY_DIST_DIR): for the test cluster and
 * for deployments that run their own database. `npm start` does this after preparing the
 * embedded database. The build in VERITY_DIST_DIR must exist.
 */
import { parseServerEnv } from '../lib/env/server-env';
import { startPortal } from './lib/portal';

async function main(): Promise<void> {
  const env = parseServerEnv(process.env);
  const portal = await startPortal({ port: env.PORT, host: env.HOST, env: process.env, nextStdio: 'ignore' });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await portal.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  portal.next.on('exit', (code) => void stop(code ?? 1));
}

main().catch((error) => {
  console.error(`verity: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
