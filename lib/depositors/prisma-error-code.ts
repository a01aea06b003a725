import 'server-only';
/**
 * Prisma's code for a failed query (`P2002` unique violation, `P2003` foreign key violation),
 * so that operations can let the database enforce uniqueness and existence in one statement
 * (no check-then-insert race) and still answer CONFLICT or NOT_FOUND.
 */
import { Prisma } from '@/lib/db/generated/client';

export function prismaErrorCode(error: unknown): string | undefined {
  return error instanceof Prisma.PrismaClientKnownRequestError ? error.code : undefined;
}
