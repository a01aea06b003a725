/**
 * The OpenAPI 3.1 description of the /api/v1 API, served at /api/v1/openapi.json. The schemas are
 * generated from the zod schemas the server and the browser use (`z.toJSONSchema`, JSON Schema
 * 2020-12 as OpenAPI 3.1 uses): receipts, summaries, lists and log answers
 * (receipt.schema.ts, log.schema.ts), errors (lib/errors/error-body.schema.ts), deposit and upload
 * requests, the certificate file. The paths, parameters, statuses and security are written here.
 *
 * Checked three ways: openapi.test.ts (every route and method on disk is described, and the
 * document passes `redocly lint` with the recommended rules), and test/api/openapi-check.ts, through
 * which the API tests validate every answer they receive against this document.
 *
 * @see https://spec.openapis.org/oas/v3.1.1
 * @module
 */
import { z } from 'zod';
import { ZCertificateBodyV1, ZCertificateFile } from '@/lib/certificates/format/certificate-body';
import type { CertificateStatus } from '@/lib/certificates/get-certificate-status';
import { errorCodesFor, ZErrorBody } from '@/lib/errors/error-body.schema';
import { ZCreateUploadRequest } from '@/lib/evidence/upload.schema';
import { UPLOAD_STATUSES } from '@/lib/evidence/upload-protocol';
import type { UploadStatus } from '@/lib/evidence/upload-row';
import {
  ZCheckpointNote,
  ZConsistencyProof,
  ZLogAnchors,
  ZVerifierKeyText,
  ZWitnessAlarms,
  ZWitnessPolicy,
} from './log.schema';
import {
  ZDepositList,
  ZDepositSummaries,
  ZPendingReceipt,
  ZPendingSummary,
  ZReceipt,
  ZReceiptBatch,
  ZSealedReceipt,
  ZSealedSummary,
} from './receipt.schema';
import { MAX_BATCH_SIZE, ZDepositRequest } from './statement/deposit-request.schema';

// ——— Schemas of the answers that are not the ledger's (the ledger's are in receipt.schema.ts) ———

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** GET /certificates/{id}/status; `satisfies` ties it to the server's type. */
const certificateSummary = z.strictObject({
  id: z.uuid(),
  number: ZCertificateBodyV1.shape.number,
  court: ZCertificateBodyV1.shape.court,
  caseNumber: z.string(),
  exhibit: z.strictObject({ number: z.number().int().positive(), title: z.string() }),
  verdict: ZCertificateBodyV1.shape.verdict,
  issuedAt: ZCertificateBodyV1.shape.issuedAt,
  issuer: z.string(),
  keyId: z.string().regex(/^[0-9a-f]{8}$/),
});
const ZCertificateStatus = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('valid'), certificate: certificateSummary }),
  z.strictObject({
    state: z.literal('revoked'),
    certificate: certificateSummary,
    revocation: z.strictObject({ reason: z.string(), at: z.iso.datetime({ precision: 3 }), by: z.string() }),
  }),
  z.strictObject({ state: z.literal('unknown') }),
]) satisfies z.ZodType<CertificateStatus>;

const ZCertificateKey = z.strictObject({
  algorithm: z.literal('ed25519'),
  keyId: z.string().regex(/^[0-9a-f]{8}$/),
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/),
});

const ZUploadCreated = z.strictObject({
  id: z.uuid(),
  offset: z.number().int().nonnegative(),
  size: z.number().int().nonnegative(),
  chunkSize: z.number().int().positive(),
});
const ZUploadComplete = z.strictObject({
  id: z.uuid(),
  status: z.literal('complete'),
  sha256: hex64,
  sm3: hex64,
  size: z.number().int().nonnegative(),
});
const ZUploadStatus = z.strictObject({
  id: z.uuid(),
  caseId: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  status: z.enum(UPLOAD_STATUSES),
  sha256: hex64,
  sm3: hex64,
  createdAt: z.iso.datetime({ precision: 3 }),
  completedAt: z.iso.datetime({ precision: 3 }).nullable(),
}) satisfies z.ZodType<UploadStatus>;

/**
 * The batch request as JSON Schema says it. ZDepositBatch checks the batch's length before it
 * parses any statement (a pipe, which JSON Schema cannot express); this is the same shape.
 */
const ZDepositBatchRequest = z.strictObject({ deposits: z.array(ZDepositRequest).min(1).max(MAX_BATCH_SIZE) });

// ——— Components, generated ———

/** Answers (zod's output side). */
const OUTPUTS = {
  Error: ZErrorBody,
  SealedReceipt: ZSealedReceipt,
  PendingReceipt: ZPendingReceipt,
  Receipt: ZReceipt,
  ReceiptBatch: ZReceiptBatch,
  DepositList: ZDepositList,
  SealedSummary: ZSealedSummary,
  PendingSummary: ZPendingSummary,
  DepositSummaries: ZDepositSummaries,
  CheckpointNote: ZCheckpointNote,
  VerifierKey: ZVerifierKeyText,
  ConsistencyProof: ZConsistencyProof,
  WitnessPolicy: ZWitnessPolicy,
  WitnessAlarms: ZWitnessAlarms,
  LogAnchors: ZLogAnchors,
  CertificateFile: ZCertificateFile,
  CertificateStatus: ZCertificateStatus,
  CertificateKey: ZCertificateKey,
  UploadCreated: ZUploadCreated,
  UploadComplete: ZUploadComplete,
  UploadStatus: ZUploadStatus,
} satisfies Record<string, z.ZodType>;

/** Requests (zod's input side: what a client may send, before normalisation). */
const INPUTS = {
  DepositRequest: ZDepositRequest,
  DepositBatchRequest: ZDepositBatchRequest,
  CreateUploadRequest: ZCreateUploadRequest,
} satisfies Record<string, z.ZodType>;

type JsonSchema = Record<string, unknown>;

function componentSchemas(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: out } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'throw',
    uri: (id) => `#/components/schemas/${id}`,
  });
  // Components are parts of the document, not documents: no $schema, and no $id (a fragment-only
  // $id is not allowed in JSON Schema 2020-12).
  return Object.fromEntries(
    Object.entries(out).map(([id, { $schema: _schema, $id: _id, ...rest }]) => [id, rest as JsonSchema]),
  );
}

// ——— Paths ———

type SchemaName = keyof typeof OUTPUTS | keyof typeof INPUTS;
const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const oneOf = (...names: SchemaName[]) => ({ oneOf: names.map(ref) });

const jsonAnswer = (description: string, schema: JsonSchema, headers?: JsonSchema) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema } },
});
const textAnswer = (description: string, name: SchemaName) => ({
  description,
  content: { 'text/plain': { schema: ref(name) } },
});
const header = (description: string, schema: JsonSchema = { type: 'string' }) => ({ description, schema });

/**
 * Error answers for these statuses: `{ "error": { code, message } }`, the code one of those
 * APP_ERROR_STATUS maps to the status (so a 404 says NOT_FOUND). `codes` narrows them further.
 */
function errors(
  statuses: Record<number, string | undefined>,
  codes?: Partial<Record<number, string[]>>,
  headers?: Partial<Record<number, JsonSchema>>,
) {
  return Object.fromEntries(
    Object.entries(statuses).map(([key, when]) => {
      const status = Number(key);
      const allowed = codes?.[status] ?? errorCodesFor(status);
      if (allowed.length === 0) throw new Error(`openapi: no error code answers ${status}`);
      const description = `${allowed.join(' or ')}${when ? `: ${when}` : ''}`;
      const schema = {
        allOf: [ref('Error')],
        type: 'object',
        properties: { error: { type: 'object', properties: { code: { enum: allowed } } } },
      };
      // RFC 9110 §10.2.3: a 503 and a 429 say when to try again.
      const retry = status === 503 || status === 429 ? RETRY_AFTER : undefined;
      const extra = headers?.[status];
      return [key, jsonAnswer(description, schema, extra || retry ? { ...retry, ...extra } : undefined)];
    }),
  );
}

const RETRY_AFTER = { 'Retry-After': header('Seconds to wait before trying again', { type: 'integer' }) };
const INTERNAL = { 500: 'an unexpected error (logged on the server)' };
/** What the front server answers for a request it passes to Next.js when Next.js does not answer. */
const PROXIED = { ...INTERNAL, 502: 'the front server could not reach the portal behind it' };
const PROXIED_CODES = { 502: ['UNAVAILABLE'] };

/**
 * The answer of a GET that records a custody event when another site made the request (or the
 * browser did not say): a page with a button to the same address (lib/auth/check-custody-request.ts).
 */
const CUSTODY_CONFIRM = {
  403: {
    description:
      'The request did not come from the portal’s own pages (Sec-Fetch-Site cross-site or same-site, or absent): nothing is recorded; an HTML page with a button to the same address (with a confirmation token when Sec-Fetch-Site was absent)',
    content: { 'text/html': {} },
  },
};

const uuidParameter = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', format: 'uuid' },
});
const DEPOSIT_ID = { ...uuidParameter('id', 'The deposit ID'), schema: { type: 'string' } };
const UPLOAD_ID = uuidParameter('id', 'The upload ID (Location of POST /cases/{caseId}/uploads)');
const CERTIFICATE_ID = uuidParameter('id', 'The certificate ID');
const CASE_ID = uuidParameter('caseId', 'The case ID');
const EXHIBIT_ID = uuidParameter('exhibitId', 'The exhibit ID');
const UPLOAD_HEADER = {
  name: 'X-Verity-Upload',
  in: 'header',
  required: true,
  description: 'Must be 1: a request a cross-site form cannot make (with Sec-Fetch-Site not cross-site)',
  schema: { type: 'string', const: '1' },
};

const SESSION = [{ session: [] }];
const PUBLIC: never[] = [];

/** draft-ietf-httpapi-ratelimit-headers-06, for the key's limit closest to exhaustion (lib/depositors/charge-deposit-limits.ts). */
const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': header('The deposits of the limit closest to exhaustion: the burst, or the daily quota', {
    type: 'integer',
  }),
  'RateLimit-Remaining': header('Deposits left under that limit', { type: 'integer' }),
  'RateLimit-Reset': header(
    'Seconds until that limit is whole again: the bucket full, or 00:00 UTC for the daily quota',
    { type: 'integer' },
  ),
  'RateLimit-Policy': header('Each limit as <deposits>;w=<seconds>, e.g. "10000;w=10, 1000000;w=86400"'),
};

const depositAnswerHeaders = {
  'Idempotent-Replayed': header('true when a retried Idempotency-Key answered the first request’s deposits'),
  'Preference-Applied': header('return=minimal when the answer is summaries (Prefer: return=minimal)'),
  ...RATE_LIMIT_HEADERS,
};

/** What the deposit operations say about an API key's limits (issue #21). */
// The defaults as lib/depositors/deposit-limits.ts has them (a server module this document, which
// the browser may load, cannot import); openapi.test.ts checks that they agree.
export const DEPOSIT_LIMITS_DESCRIPTION = `Limits, per API key, counted in deposits (a batch of 1000 counts 1000), not requests: a rate (deposits a minute, default 6,000) with a burst (the most at once, default 1,000), and a daily quota (default 100,000 a day; days are UTC, renewing at 00:00 UTC). The operator sets the defaults; an administrator may set each key’s own. Over a limit the answer is 429 RATE_LIMITED with Retry-After: the whole seconds, rounded up, until the request fits (the bucket holds the batch, or 00:00 UTC for the daily quota); nothing of the refused request is deposited, and it may be sent again unchanged. A request larger than the burst or the daily quota is 413 PAYLOAD_TOO_LARGE (send smaller batches). A retry with the Idempotency-Key of an accepted request is answered even when the limits are spent, and not counted again. Answers carry RateLimit-Limit, -Remaining, -Reset and -Policy (draft-ietf-httpapi-ratelimit-headers-06).`;

const paths = {
  '/deposits': {
    post: {
      operationId: 'postDeposits',
      tags: ['deposits'],
      summary: 'Deposit one statement, or a batch of up to 1000 as { "deposits": [...] }',
      description: `Every statement is validated, and every depositor signature checked against the organisation’s registered keys, before anything is written: a batch is all or nothing. Sealed (201) once in a signed checkpoint, usually within milliseconds; with wait=false answered at once (202).\n\n${DEPOSIT_LIMITS_DESCRIPTION}`,
      security: [{ apiKey: [] }],
      parameters: [
        {
          name: 'wait',
          in: 'query',
          description: 'false: answer 202 at once with pending receipts; anything else waits for the seal',
          schema: { type: 'string', default: 'true', examples: ['false'] },
        },
        {
          name: 'Idempotency-Key',
          in: 'header',
          description: 'A retry with the same key and body answers the first request’s deposits',
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
        },
        {
          name: 'Prefer',
          in: 'header',
          description:
            'RFC 7240. return=minimal: sealed the same way, answered with IDs, leaf indexes and one signed checkpoint instead of full receipts',
          schema: { type: 'string', examples: ['return=minimal'] },
        },
      ],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: oneOf('DepositRequest', 'DepositBatchRequest') } },
      },
      responses: {
        201: jsonAnswer(
          'Sealed. One statement: its receipt (SealedReceipt) or, with Prefer: return=minimal, its summary (SealedSummary). A batch: ReceiptBatch or DepositSummaries.',
          oneOf('SealedReceipt', 'ReceiptBatch', 'SealedSummary', 'DepositSummaries'),
          depositAnswerHeaders,
        ),
        202: jsonAnswer(
          'Accepted, not yet sealed (wait=false, or a retry of deposits still sealing): PendingReceipt, ReceiptBatch, PendingSummary or DepositSummaries',
          oneOf('PendingReceipt', 'ReceiptBatch', 'PendingSummary', 'DepositSummaries'),
          depositAnswerHeaders,
        ),
        ...errors(
          {
            400: 'the body is not UTF-8 JSON',
            401: 'no API key, a wrong one, or a revoked one',
            413: 'the body is over 8 MiB, or it has more deposits than the API key’s burst or daily quota',
            415: 'the body is not declared as application/json',
            422: 'a statement, the batch or the Idempotency-Key is not valid; a signature does not verify',
            429: 'the API key’s rate or daily quota is spent; nothing was written. Retry-After: whole seconds until the request fits (the daily quota renews at 00:00 UTC)',
            503: 'wait=false while queued deposits have waited over 10 s; nothing was written',
            ...INTERNAL,
          },
          {
            400: ['MALFORMED_JSON'],
            422: ['VALIDATION_FAILED', 'SIGNATURE_INVALID', 'KEY_NOT_REGISTERED', 'IDEMPOTENCY_KEY_REUSED'],
          },
          { 429: RATE_LIMIT_HEADERS },
        ),
      },
    },
    get: {
      operationId: 'listDepositsByDigest',
      tags: ['deposits'],
      summary: 'Every deposit of a digest, oldest first',
      description: 'Give exactly one of sha256 and sm3 (hex, either case). Public: the digest is the question.',
      security: PUBLIC,
      parameters: [
        { name: 'sha256', in: 'query', description: 'SHA-256 of the file, hex', schema: { type: 'string' } },
        { name: 'sm3', in: 'query', description: 'SM3 of the file, hex', schema: { type: 'string' } },
      ],
      responses: {
        200: jsonAnswer('The deposits, each with a fresh receipt', ref('DepositList')),
        ...errors({ 422: 'not exactly one well-formed digest', ...INTERNAL }, { 422: ['VALIDATION_FAILED'] }),
      },
    },
  },
  '/deposits/{id}': {
    get: {
      operationId: 'getDeposit',
      tags: ['deposits'],
      summary: 'A deposit with a fresh receipt (its proof to the latest checkpoint)',
      security: PUBLIC,
      parameters: [DEPOSIT_ID],
      responses: {
        200: jsonAnswer('The receipt: sealed, or pending for a few seconds', ref('Receipt')),
        ...errors(
          { 404: 'no deposit has this ID', 422: 'the ID is not a UUID', ...INTERNAL },
          {
            422: ['VALIDATION_FAILED'],
          },
        ),
      },
    },
  },
  '/log/checkpoint': {
    get: {
      operationId: 'getCheckpoint',
      tags: ['log'],
      summary: 'The current signed checkpoint',
      description:
        'Without witnesses, the newest checkpoint the log signed. With witnesses (GET /log/witnesses), the newest that meets the quorum, as a cosigned note: the log’s signature line, then the witnesses’ cosignature lines (c2sp.org/tlog-cosignature). Until a checkpoint meets the quorum (right after the first deposits, or while witnesses are unreachable), the newest the log signed with whatever cosignatures it has: a verifier holding the policy finds it not yet witnessed.',
      security: PUBLIC,
      responses: {
        200: textAnswer('The checkpoint as a signed note (text/plain; charset=utf-8)', 'CheckpointNote'),
        ...errors(INTERNAL),
      },
    },
  },
  '/log/witnesses': {
    get: {
      operationId: 'getWitnesses',
      tags: ['log'],
      summary: 'The witness policy: whom the log asks to cosign and how many must',
      description:
        'The witnesses (institutions running c2sp.org/tlog-witness) the log sends each new checkpoint to, and the quorum k: a checkpoint is witnessed when k of them cosigned it. No witnesses: an empty list and quorum 0.',
      security: PUBLIC,
      responses: {
        200: jsonAnswer('The policy', ref('WitnessPolicy')),
        ...errors(INTERNAL),
      },
    },
  },
  '/log/alarms': {
    get: {
      operationId: 'getWitnessAlarms',
      tags: ['log'],
      summary: 'Witness alarms: evidence that the log showed two histories',
      description:
        'Every time a witness refused a checkpoint in a way that means it had seen another history of this log (a consistency proof it refused, the same size with another root, or a size larger than the log ever signed), the log stored what it sent and what the witness answered. The newest 20, and the total. An empty list is the normal state.',
      security: PUBLIC,
      responses: {
        200: jsonAnswer('The newest alarms and the total', ref('WitnessAlarms')),
        ...errors(INTERNAL),
      },
    },
  },
  '/log/anchors': {
    get: {
      operationId: 'getLogAnchors',
      tags: ['log'],
      summary: 'Anchors: checkpoints fixed on an EVM chain and by RFC 3161 time-stamping authorities',
      description:
        'Each anchored checkpoint: the EvidenceAnchor contract’s transaction (chain ID, contract, transaction, block number and hash, the block’s time), and a time-stamp token over SHA-256 of the checkpoint note’s text with the authority’s chain (openssl ts -verify checks it). In tree-size order: the newest 100, or up to 100 from ?from=N (and to ?to=M). An anchor is stored only once the chain confirmed it or the token checked. demo: made by the local demo chain or demo authority that npm start runs, which prove nothing.',
      security: PUBLIC,
      parameters: [
        {
          name: 'from',
          in: 'query',
          description: 'The smallest tree size to list',
          schema: { type: 'integer', minimum: 0 },
        },
        {
          name: 'to',
          in: 'query',
          description: 'The largest tree size to list (with from)',
          schema: { type: 'integer', minimum: 0 },
        },
      ],
      responses: {
        200: jsonAnswer('The anchors', ref('LogAnchors')),
        ...errors({ 422: 'from or to not a tree size', ...INTERNAL }, { 422: ['VALIDATION_FAILED'] }),
      },
    },
  },
  '/log/key': {
    get: {
      operationId: 'getLogKey',
      tags: ['log'],
      summary: 'The log’s verifier key <origin>+<hex8>+<base64>',
      security: PUBLIC,
      responses: {
        200: textAnswer('The verifier key (text/plain; charset=utf-8)', 'VerifierKey'),
        ...errors(INTERNAL),
      },
    },
  },
  '/log/tile/{tilePath}': {
    get: {
      operationId: 'getLogTile',
      tags: ['log'],
      summary: 'A tile or entry bundle of the log (c2sp.org/tlog-tiles)',
      description:
        'The log as a tiled transparency log, readable without this API: hash tiles `tile/<L>/<N>[.p/<W>]` (256 hashes of level 8·L, 32 bytes each; level 0 = leaf hashes) and entry bundles `tile/entries/<N>[.p/<W>]` (each leaf’s exact bytes after a 2-byte big-endian length). N is written in three-digit elements, all but the last starting with x (1234067 → x001/x234/067); `.p/<W>` (1–255) is a partial tile at the right edge of the tree. Full tiles never change (cached for a year, immutable); partial tiles are cached for a minute. Entry bundles are gzip-encoded when Accept-Encoding allows.',
      security: PUBLIC,
      parameters: [
        {
          name: 'tilePath',
          in: 'path',
          required: true,
          description: 'The rest of the tile path, several segments: e.g. 0/x001/x234/067, 1/000.p/17, entries/005',
          schema: { type: 'string', examples: ['0/x001/x234/067', '1/000.p/17', 'entries/005'] },
        },
      ],
      responses: {
        200: {
          description: 'The tile (256 × 32 bytes when full, W × 32 when partial) or the entry bundle',
          headers: {
            'Cache-Control': header('public, max-age=31536000, immutable (full); public, max-age=60 (partial)'),
          },
          content: {
            'application/octet-stream': {},
          },
        },
        ...errors(
          {
            400: 'not a tile path in the spec’s one spelling (leading zeros, groups, level over 63, width 0 or over 255, an index past 2^64)',
            404: 'the tree does not have this tile yet',
            ...INTERNAL,
          },
          { 400: ['MALFORMED_TILE_PATH'] },
        ),
      },
    },
  },
  '/log/consistency': {
    get: {
      operationId: 'getConsistencyProof',
      tags: ['log'],
      summary: 'Consistency proof between two checkpoints the log issued',
      security: PUBLIC,
      parameters: [
        {
          name: 'from',
          in: 'query',
          required: true,
          description: 'The older tree size',
          schema: { type: 'integer', minimum: 1 },
        },
        {
          name: 'to',
          in: 'query',
          required: true,
          description: 'The newer tree size (≥ from)',
          schema: { type: 'integer', minimum: 1 },
        },
      ],
      responses: {
        200: jsonAnswer('The proof (empty when from = to)', ref('ConsistencyProof')),
        ...errors(
          { 404: 'the log signed no checkpoint of one of the sizes', 422: 'not 1 ≤ from ≤ to', ...INTERNAL },
          {
            422: ['VALIDATION_FAILED'],
          },
        ),
      },
    },
  },
  '/cases/{caseId}/uploads': {
    post: {
      operationId: 'createUpload',
      tags: ['exhibits'],
      summary: 'Start a resumable upload of an exhibit file (a party of the case)',
      description:
        'The body carries the digests the browser computed. The server hashes the bytes itself as they arrive (PATCH /uploads/{id}) and refuses the upload when its digests differ (DIGEST_MISMATCH).',
      security: SESSION,
      parameters: [CASE_ID, UPLOAD_HEADER],
      requestBody: { required: true, content: { 'application/json': { schema: ref('CreateUploadRequest') } } },
      responses: {
        201: jsonAnswer('Created; Location: /api/v1/uploads/{id}', ref('UploadCreated'), {
          Location: header('/api/v1/uploads/{id}'),
        }),
        ...errors(
          {
            400: undefined,
            401: undefined,
            403: 'not a party of the case, or the upload header missing',
            404: undefined,
            409: "the case's storage quota is used up; details: { quota: 'case', usedBytes, allowedBytes, fileBytes }",
            413: "larger than the court accepts (details: { maxBytes }), or the person's storage quota is used up (details: { quota: 'person', usedBytes, allowedBytes, fileBytes })",
            415: undefined,
            422: undefined,
            ...PROXIED,
          },
          {
            ...PROXIED_CODES,
            400: ['MALFORMED_JSON'],
            403: ['FORBIDDEN'],
            409: ['CONFLICT'],
            413: ['PAYLOAD_TOO_LARGE'],
            422: ['VALIDATION_FAILED'],
          },
        ),
      },
    },
  },
  '/uploads/{id}': {
    parameters: [UPLOAD_ID],
    patch: {
      operationId: 'appendToUpload',
      tags: ['exhibits'],
      summary: 'Append bytes at Upload-Offset',
      security: SESSION,
      parameters: [
        UPLOAD_HEADER,
        {
          name: 'Upload-Offset',
          in: 'header',
          required: true,
          description: 'Where these bytes go',
          schema: { type: 'integer', minimum: 0 },
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/offset+octet-stream': {
            schema: { type: 'string', contentMediaType: 'application/octet-stream' },
          },
        },
      },
      responses: {
        200: jsonAnswer('Complete: the server’s own digests, equal to the declared ones', ref('UploadComplete')),
        204: {
          description: 'Appended; Upload-Offset: the new offset',
          headers: { 'Upload-Offset': header('The new offset', { type: 'integer' }) },
        },
        ...errors(
          {
            401: undefined,
            403: undefined,
            404: undefined,
            408: 'no byte arrived for VERITY_UPLOAD_IDLE_SECONDS (default 30): the bytes before are kept (Upload-Offset), the connection is closed',
            409: 'Upload-Offset is not where the upload stands (Upload-Offset in the answer says where)',
            413: undefined,
            415: undefined,
            422: undefined,
            429: 'this person already has VERITY_UPLOADS_PER_PERSON (default 4) PATCHes in flight (Retry-After: seconds)',
            ...PROXIED,
            503: 'the database is unavailable; nothing was recorded',
            507: 'the evidence store is full: none of the request’s bytes were kept (Upload-Offset)',
          },
          { ...PROXIED_CODES, 403: ['FORBIDDEN'] },
        ),
      },
    },
    head: {
      operationId: 'headUpload',
      tags: ['exhibits'],
      summary: 'Upload-Offset, Upload-Length and Upload-Status of the upload',
      security: SESSION,
      responses: {
        200: {
          description: 'The headers only',
          headers: {
            'Upload-Offset': header('Bytes the server holds', { type: 'integer' }),
            'Upload-Length': header('The declared size', { type: 'integer' }),
            'Upload-Status': header('open, complete, failed or consumed'),
          },
        },
        401: { description: 'UNAUTHENTICATED (no body)' },
        404: { description: 'NOT_FOUND (no body)' },
        500: { description: 'INTERNAL (no body)' },
      },
    },
    get: {
      operationId: 'getUpload',
      tags: ['exhibits'],
      summary: 'The upload’s state',
      security: SESSION,
      responses: {
        200: jsonAnswer('The upload', ref('UploadStatus')),
        ...errors({ 401: undefined, 404: undefined, ...PROXIED }, PROXIED_CODES),
      },
    },
    delete: {
      operationId: 'cancelUpload',
      tags: ['exhibits'],
      summary: 'Cancel the upload (its bytes are deleted)',
      security: SESSION,
      parameters: [UPLOAD_HEADER],
      responses: {
        204: { description: 'Cancelled' },
        ...errors(
          { 401: undefined, 403: undefined, 404: undefined, 409: 'the upload is complete', ...PROXIED },
          { ...PROXIED_CODES, 403: ['FORBIDDEN'] },
        ),
      },
    },
  },
  '/exhibits/{exhibitId}/file': {
    parameters: [EXHIBIT_ID],
    get: {
      operationId: 'downloadExhibitFile',
      tags: ['exhibits'],
      summary: 'The stored bytes of a file exhibit (people of its case); a custody-log event',
      security: SESSION,
      responses: {
        200: {
          description: 'The file, as an attachment; Repr-Digest: sha-256=:…: (RFC 9530)',
          headers: { 'Repr-Digest': header('sha-256=:<base64>: of the bytes') },
          content: { 'application/octet-stream': {} },
        },
        ...CUSTODY_CONFIRM,
        ...errors(
          { 401: undefined, 404: 'no such exhibit, or not one this person may see', ...PROXIED },
          PROXIED_CODES,
        ),
      },
    },
    head: {
      operationId: 'headExhibitFile',
      tags: ['exhibits'],
      summary: 'The file’s headers: the same access check, no custody event',
      security: SESSION,
      responses: {
        200: { description: 'The headers only' },
        401: { description: 'UNAUTHENTICATED (no body)' },
        404: { description: 'NOT_FOUND (no body)' },
        500: { description: 'INTERNAL (no body)' },
      },
    },
  },
  '/certificates/key': {
    get: {
      operationId: 'getCertificateKey',
      tags: ['certificates'],
      summary: 'The court’s certificate public key (Ed25519)',
      description:
        'text/plain: base64 of the 32-byte key and a newline. With Accept: application/json, CertificateKey.',
      security: PUBLIC,
      responses: {
        200: {
          description: 'The key',
          content: {
            'text/plain': { schema: { type: 'string', pattern: '^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=\\n$' } },
            'application/json': { schema: ref('CertificateKey') },
          },
        },
        ...errors({ ...PROXIED }, PROXIED_CODES),
      },
    },
  },
  '/certificates/{id}': {
    get: {
      operationId: 'getCertificate',
      tags: ['certificates'],
      summary:
        'A verification certificate as filed (verity-certificate/v1): to the case’s people, or with its check code',
      description:
        'RFC 8785 canonical JSON { format, body, signature }; the signature is Ed25519 over the canonical body, which carries the deposit leaf and its c2sp.org/tlog-proof@v1, so the certificate verifies offline. Header Verity-Certificate-Status: valid | revoked (a revoked certificate is still served). The body names people in full, so it is served to a signed-in person of the case, or to anyone presenting the check code printed on the certificate (8 characters, e.g. 7K3M-Q9TX; case, spaces and hyphens ignored), preferably in the Verity-Check-Code header. Wrong codes count against the client address with the certificate lookup’s limit. Not cached by shared caches.',
      security: [{}, ...SESSION],
      parameters: [
        CERTIFICATE_ID,
        {
          name: 'Verity-Check-Code',
          in: 'header',
          required: false,
          description: 'The check code printed on the certificate (preferred over ?code=: not written to access logs)',
          schema: { type: 'string', maxLength: 40 },
        },
        {
          name: 'code',
          in: 'query',
          required: false,
          description: 'The check code, when a header cannot be sent; the header wins when both are given',
          schema: { type: 'string', maxLength: 40 },
        },
      ],
      responses: {
        200: jsonAnswer('The certificate file', ref('CertificateFile'), {
          'Verity-Certificate-Status': header('valid or revoked', { type: 'string', enum: ['valid', 'revoked'] }),
        }),
        ...errors(
          {
            403: 'CHECK_CODE_REQUIRED: no check code given by someone who is not a person of the case (the certificate exists: /status says so to anyone); CHECK_CODE_WRONG: the code given is not this certificate’s',
            404: 'no certificate has this ID',
            429: 'too many wrong check codes from this address (Retry-After: seconds)',
            ...PROXIED,
          },
          { ...PROXIED_CODES, 403: ['CHECK_CODE_REQUIRED', 'CHECK_CODE_WRONG'] },
        ),
      },
    },
  },
  '/certificates/{id}/status': {
    get: {
      operationId: 'getCertificateStatus',
      tags: ['certificates'],
      summary: 'Whether a certificate stands: valid, revoked (with reason, time and clerk) or unknown',
      description:
        'Public: the clerks’ names (issuer, revocation.by) are masked as on the public page (张*明, J*** Smith). Cache-Control: no-cache with an ETag: a cache may keep the answer but asks again every time (If-None-Match → 304 while the state is the same), so a revocation is seen at once.',
      security: PUBLIC,
      parameters: [{ ...CERTIFICATE_ID, schema: { type: 'string' } }],
      responses: {
        200: jsonAnswer('valid or revoked', ref('CertificateStatus'), {
          ETag: header('a strong validator of this answer; it changes when the certificate is revoked'),
          'Cache-Control': header('no-cache'),
        }),
        304: { description: 'If-None-Match named the current ETag: the state has not changed (no body)' },
        404: jsonAnswer('{ "state": "unknown" }: no certificate has this ID', ref('CertificateStatus')),
        ...errors({ ...PROXIED }, PROXIED_CODES),
      },
    },
  },
  '/certificates/{id}/pdf': {
    parameters: [CERTIFICATE_ID],
    get: {
      operationId: 'downloadCertificatePdf',
      tags: ['certificates'],
      summary: 'A certificate as the court’s PDF (people of its case); a custody-log event',
      description:
        'Rendered from the stored signed certificate, which it carries as the attachment certificate.json; the QR code and printed link are the public check page <public origin>/certificates/{id}. A revoked certificate says so on every page. HEAD: the same access check, no custody event.',
      security: SESSION,
      responses: {
        200: {
          description: 'The PDF, as an attachment named <number>.pdf',
          headers: { 'Verity-Certificate-Status': header('valid or revoked') },
          content: { 'application/pdf': {} },
        },
        ...CUSTODY_CONFIRM,
        ...errors({ 401: undefined, 404: undefined, ...PROXIED }, PROXIED_CODES),
      },
    },
    head: {
      operationId: 'headCertificatePdf',
      tags: ['certificates'],
      summary: 'The PDF’s headers: the same access check, no rendering and no custody event',
      security: SESSION,
      responses: {
        200: { description: 'The headers only' },
        401: { description: 'UNAUTHENTICATED (no body)' },
        404: { description: 'NOT_FOUND (no body)' },
        500: { description: 'INTERNAL (no body)' },
      },
    },
  },
  '/cases/{caseId}/certificates.zip': {
    parameters: [CASE_ID],
    get: {
      operationId: 'downloadCaseCertificates',
      tags: ['certificates'],
      summary: 'Every valid certificate of a case as PDFs in a ZIP (people of the case)',
      description:
        'Entries: <number>.pdf for each valid certificate, manifest.json (verity-certificates-manifest/v1) and manifest.sha256 (sha256sum -c format, covering the PDFs and manifest.json). One custody-log event per certificate.',
      security: SESSION,
      responses: {
        200: { description: 'The ZIP, as an attachment', content: { 'application/zip': {} } },
        ...CUSTODY_CONFIRM,
        ...errors({ 401: undefined, 404: undefined, ...PROXIED }, PROXIED_CODES),
      },
    },
    head: {
      operationId: 'headCaseCertificates',
      tags: ['certificates'],
      summary: 'The ZIP’s headers: the same access check, no custody event',
      security: SESSION,
      responses: {
        200: { description: 'The headers only' },
        401: { description: 'UNAUTHENTICATED (no body)' },
        404: { description: 'NOT_FOUND (no body)' },
        500: { description: 'INTERNAL (no body)' },
      },
    },
  },
};

export const openApiDocument = {
  openapi: '3.1.1',
  info: {
    title: 'Verity evidence ledger API',
    version: '1.0.0',
    description:
      'Deposit SHA-256 / SM3 digests of evidence on an append-only transparency log (RFC 6962 Merkle tree, C2SP signed checkpoints) and obtain receipts that verify offline; read the log; download exhibits and verification certificates.',
  },
  servers: [{ url: '/api/v1', description: 'This portal' }],
  tags: [
    { name: 'deposits', description: 'Depositing digests and reading receipts' },
    { name: 'log', description: 'The transparency log: its checkpoint, key and consistency proofs' },
    { name: 'exhibits', description: 'Uploading and downloading case exhibits (signed-in people of a case)' },
    { name: 'certificates', description: 'Verification certificates: the signed file, its status, PDFs' },
  ],
  components: {
    securitySchemes: {
      apiKey: {
        type: 'http',
        scheme: 'bearer',
        description: 'A depositor organisation’s API key, vrt_<lookup>_<secret>',
      },
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: 'next-auth.session-token',
        description: 'The portal’s sign-in session (__Secure-next-auth.session-token over HTTPS)',
      },
    },
    schemas: { ...componentSchemas(OUTPUTS, 'output'), ...componentSchemas(INPUTS, 'input') },
  },
  paths,
};
