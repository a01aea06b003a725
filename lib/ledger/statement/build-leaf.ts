/**
 * Builds the leaf of one deposit: the deposit statement (what was deposited, by whom, when, and
 * the depositor's signature if any) and its RFC 8785 canonical JSON bytes, which are what the
 * transparency log hashes (RFC 6962: SHA-256(0x00 || leaf)) and what a receipt carries.
 *
 * The leaf holds digests of the title and metadata, never their text: the log is public, the
 * text may not be. `buildLeaf` does not check the signature — the deposit operation calls
 * `verifyDepositorSignature` against the depositor's registered keys first — but it refuses a
 * signature whose encoding or sizes are wrong, so no leaf carries one that could never verify.
 *
 * @see ./README.md
 * @see https://www.rfc-editor.org/rfc/rfc8785
 * @see https://www.rfc-editor.org/rfc/rfc9162#section-2.1.1 (leaf hashing)
 * @module
 */
import type { z } from 'zod';
import { issueSummary } from '@/lib/errors/zod-issues';
import { type DepositRequest, type DepositRequestInput, ZDepositRequest } from './deposit-request.schema';
import { StatementError } from './errors';
import { leafJson } from './leaf-json';
import { type LeafStatement, ZLeafStatement } from './leaf-statement.schema';
import { payloadOfParsedRequest } from './signed-payload';

export type BuildLeafOptions = {
  /** The deposit request; parsed again here, so either the raw or the parsed form will do. */
  request: DepositRequestInput;
  /** The depositor account the ledger recorded the deposit for (not something the client claims). */
  depositor: { id: string; name: string };
  /** When the ledger accepted the deposit; written in UTC with milliseconds. */
  depositedAt: Date;
};

export type BuiltLeaf = { leaf: Uint8Array<ArrayBuffer>; statement: LeafStatement };

// toISOString writes years outside 0000-9999 as ±YYYYYY, which RFC 3339 does not allow.
const MIN_TIME = Date.parse('0000-01-01T00:00:00.000Z');
const MAX_TIME = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * The statement and leaf bytes for a deposit. Throws a `ZodError` if the request is invalid and a
 * `StatementError` (`INVALID_ARGUMENT`, `INVALID_STATEMENT`) for a bad depositor or time.
 */
export function buildLeaf(options: BuildLeafOptions): BuiltLeaf {
  return buildLeafFromParsed({ ...options, request: ZDepositRequest.parse(options.request) });
}

/**
 * As `buildLeaf`, for a request `ZDepositRequest` has already parsed (the deposit API parses
 * each request once; parsing the output again would only repeat the work).
 */
export function buildLeafFromParsed({
  request,
  ...shared
}: Omit<BuildLeafOptions, 'request'> & { request: DepositRequest }): BuiltLeaf {
  return buildLeavesFromParsed({ ...shared, requests: [request] })[0] as BuiltLeaf;
}

// The statement in two parts: what one depositor at one time shares (checked once per batch),
// and what each request brings.
const ZShared = ZLeafStatement.pick({ depositor: true, depositedAt: true });
const ZOwn = ZLeafStatement.omit({ depositor: true, depositedAt: true });

/**
 * The leaves of several parsed requests deposited together by one depositor at one time (a
 * batch): the same statements and bytes as `buildLeafFromParsed` on each, with the depositor
 * and the time checked once.
 */
export function buildLeavesFromParsed({
  requests,
  depositor,
  depositedAt,
}: Omit<BuildLeafOptions, 'request'> & { requests: readonly DepositRequest[] }): BuiltLeaf[] {
  if (!(depositedAt instanceof Date) || Number.isNaN(depositedAt.getTime())) {
    throw new StatementError('INVALID_ARGUMENT', 'depositedAt must be a valid Date');
  }
  const time = depositedAt.getTime();
  if (time < MIN_TIME || time > MAX_TIME) {
    throw new StatementError('INVALID_ARGUMENT', 'depositedAt must fall in the years 0000 to 9999 (RFC 3339)');
  }
  if (typeof depositor !== 'object' || depositor === null) {
    throw new StatementError('INVALID_ARGUMENT', 'depositor must be an object { id, name }');
  }
  const shared = check(ZShared, {
    depositor: { id: depositor.id, name: depositor.name },
    depositedAt: depositedAt.toISOString(),
  });
  return requests.map((request) => {
    const { signature } = request;
    const payload = payloadOfParsedRequest(request);
    // Absent optional members are left out, not set to undefined, so the statement object equals
    // what parseLeaf returns for the same bytes.
    const own = check(ZOwn, {
      version: payload.version,
      digests: payload.digests,
      ...(payload.titleSha256 === undefined ? {} : { titleSha256: payload.titleSha256 }),
      ...(payload.metadataSha256 === undefined ? {} : { metadataSha256: payload.metadataSha256 }),
      ...(signature === undefined
        ? {}
        : { signature: { algorithm: signature.algorithm, publicKey: signature.publicKey, value: signature.value } }),
    });
    const statement: LeafStatement = { ...own, depositor: shared.depositor, depositedAt: shared.depositedAt };
    return { leaf: utf8(leafJson(statement)), statement };
  });
}

function check<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new StatementError('INVALID_STATEMENT', `cannot build the deposit statement: ${issueSummary(result.error)}`);
  }
  return result.data;
}

const encoder = new TextEncoder();

function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}
