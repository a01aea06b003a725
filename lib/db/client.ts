import 'server-only';
import { createPrismaClient, type PrismaClient } from './create-client';

// One client per server process; Next.js dev reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { verityDb?: PrismaClient };

/** The process's Prisma client, created on first use (so `next build` needs no database). */
export function getDb(): PrismaClient {
  if (globalForDb.verityDb) return globalForDb.verityDb;
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set: start the portal with `npm start`, which provides it.');
  }
  globalForDb.verityDb = createPrismaClient(url);
  return globalForDb.verityDb;
}

/** Closes the process's Prisma client and pool (scripts that used the domain code, before they exit). */
export async function closeDb(): Promise<void> {
  const db = globalForDb.verityDb;
  globalForDb.verityDb = undefined;
  await db?.$disconnect();
}
