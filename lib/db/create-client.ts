/**
 * Builds a Prisma client over node-postgres. Scripts (seed, migrate checks) call this
 * directly; the app goes through the `db` singleton in ./client.ts.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

export type { PrismaClient };
