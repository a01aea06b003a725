/**
 * Whether an error says the database cannot be reached or lost the connection (PostgreSQL down,
 * restarting, out of connection slots, the network between), as opposed to a fault of the
 * request or of our code. Such errors are answered 503 UNAVAILABLE with Retry-After (lib/errors/
 * http.ts), not 500: nothing is wrong with the request or the portal, and a retry will succeed
 * once the database is back — the pools open new connections by themselves.
 *
 * The errors come from node-postgres (lib/db/pool.ts) and from Prisma over its pg adapter
 * (lib/db/client.ts), which wraps the driver's error; both shapes are recognised by walking the
 * `cause` chain (and Prisma's `meta.driverAdapterError`).
 *
 * @see https://www.postgresql.org/docs/current/errcodes-appendix.html (class 08, 53300, 57P0x)
 * @see https://www.prisma.io/docs/orm/reference/error-reference (P1001, P1002, P1017, P2024)
 */

/** Socket-level failures (Node.js error codes). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** PostgreSQL SQLSTATEs: connection lost or refused, shutting down or starting up, no slot free. */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/** Prisma's codes for an unreachable or lost database server, and its pool timing out. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);

/** Prisma's driver adapter error kinds with the same meaning. */
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'DatabaseAccessDenied', // a restarting server may refuse authentication for a moment
]);

/** node-postgres's own messages for a connection that ended or never opened. */
const PG_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^Connection ended unexpectedly/,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const e = queue.shift();
    if (e === null || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    if (matches(e as Record<string, unknown>)) return true;
    const record = e as { cause?: unknown; meta?: { driverAdapterError?: unknown }; errors?: unknown };
    queue.push(record.cause, record.meta?.driverAdapterError);
    // An AggregateError (a connect that tried IPv4 and IPv6) holds its failures in `errors`.
    if (Array.isArray(record.errors)) queue.push(...record.errors);
  }
  return false;
}

function matches(e: Record<string, unknown>): boolean {
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && (NETWORK_CODES.has(code) || PRISMA_CODES.has(code))) return true;
  // pg's DatabaseError carries the SQLSTATE in `code`; Prisma's adapter error in `originalCode`.
  for (const state of [code, e.originalCode]) {
    if (typeof state === 'string' && /^[0-9A-Z]{5}$/.test(state) && isUnavailableSqlState(state)) return true;
  }
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  if (e.name === 'PrismaClientInitializationError') return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return PG_MESSAGES.some((pattern) => pattern.test(message));
}
