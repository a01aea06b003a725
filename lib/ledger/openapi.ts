/**
 * The OpenAPI 3.1 description of the deposit and log API, served at /api/v1/openapi.json.
 * Kept by hand beside the routes; lib/ledger/openapi.test.ts checks it names every route.
 * @see https://spec.openapis.org/oas/v3.1.0
 */
const hex64 = { type: 'string', pattern: '^[0-9a-fA-F]{64}$' };
const error = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: error } } });

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Verity evidence ledger API',
    version: '1.0.0',
    description:
      'Deposit SHA-256 / SM3 digests of evidence on an append-only transparency log (RFC 6962 Merkle tree, C2SP signed checkpoints) and obtain receipts that verify offline.',
  },
  servers: [{ url: '/api/v1' }],
  components: {
    securitySchemes: {
      apiKey: {
        type: 'http',
        scheme: 'bearer',
        description: 'vrt_<lookup>_<secret>, issued per depositor organisation',
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } },
          },
        },
      },
      DepositRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['digests'],
        properties: {
          digests: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            properties: { sha256: hex64, sm3: hex64 },
          },
          title: { type: 'string', minLength: 1, maxLength: 500 },
          metadata: {
            type: 'object',
            description: 'Free JSON, at most 4 KiB canonical; only its SHA-256 enters the leaf.',
          },
          signature: {
            type: 'object',
            additionalProperties: false,
            required: ['algorithm', 'publicKey', 'value'],
            properties: {
              algorithm: { enum: ['ed25519', 'sm2'] },
              publicKey: { type: 'string', contentEncoding: 'base64' },
              value: { type: 'string', contentEncoding: 'base64' },
            },
          },
        },
      },
      DepositSummary: {
        type: 'object',
        description: 'Prefer: return=minimal. The full receipt is GET /deposits/{id}.',
        required: ['id', 'status'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          status: { enum: ['sealed', 'pending'] },
          leafIndex: { type: 'integer', minimum: 0 },
          treeSize: { type: 'integer', description: 'single deposit only; a batch gives it once' },
          checkpoint: { type: 'string', description: 'single deposit only; a batch gives it once' },
        },
      },
      DepositSummaries: {
        type: 'object',
        description:
          'Prefer: return=minimal for a batch: one checkpoint whose tree contains every sealed deposit listed.',
        required: ['deposits'],
        properties: {
          deposits: { type: 'array', items: { $ref: '#/components/schemas/DepositSummary' } },
          treeSize: { type: 'integer' },
          checkpoint: { type: 'string', description: 'C2SP tlog-checkpoint signed note' },
        },
      },
      Receipt: {
        type: 'object',
        required: ['id', 'status', 'leaf', 'digests', 'depositedAt', 'depositor'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          status: { enum: ['sealed', 'pending'] },
          leafIndex: { type: 'integer', minimum: 0 },
          leaf: { type: 'string', contentEncoding: 'base64', description: 'RFC 8785 canonical JSON of the statement' },
          digests: { type: 'object', properties: { sha256: hex64, sm3: hex64 } },
          depositedAt: { type: 'string', format: 'date-time' },
          depositor: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
          treeSize: { type: 'integer' },
          checkpoint: { type: 'string', description: 'C2SP tlog-checkpoint signed note' },
          inclusionProof: { type: 'array', items: { type: 'string', contentEncoding: 'base64' } },
          tlogProof: { type: 'string', description: 'c2sp.org/tlog-proof@v1' },
        },
      },
    },
  },
  paths: {
    '/deposits': {
      post: {
        summary: 'Deposit one statement, or a batch of up to 1000 as { "deposits": [...] }',
        security: [{ apiKey: [] }],
        parameters: [
          {
            name: 'wait',
            in: 'query',
            schema: { type: 'boolean', default: true },
            description: 'false: answer 202 at once',
          },
          { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 255 } },
          {
            name: 'Prefer',
            in: 'header',
            schema: { type: 'string', examples: ['return=minimal'] },
            description:
              'RFC 7240. return=minimal: sealed the same way, answered with IDs, leaf indexes and one signed checkpoint instead of full receipts (Preference-Applied: return=minimal)',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                oneOf: [
                  { $ref: '#/components/schemas/DepositRequest' },
                  {
                    type: 'object',
                    required: ['deposits'],
                    properties: {
                      deposits: {
                        type: 'array',
                        minItems: 1,
                        maxItems: 1000,
                        items: { $ref: '#/components/schemas/DepositRequest' },
                      },
                    },
                  },
                ],
              },
            },
          },
        },
        responses: {
          201: {
            description: 'Sealed: receipt(s) with inclusion proofs, or with Prefer: return=minimal summaries',
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    { $ref: '#/components/schemas/Receipt' },
                    {
                      type: 'object',
                      required: ['deposits'],
                      properties: { deposits: { type: 'array', items: { $ref: '#/components/schemas/Receipt' } } },
                    },
                    { $ref: '#/components/schemas/DepositSummary' },
                    { $ref: '#/components/schemas/DepositSummaries' },
                  ],
                },
              },
            },
          },
          202: { description: 'Accepted, not yet sealed (wait=false)' },
          400: errorResponse('MALFORMED_JSON'),
          401: errorResponse('UNAUTHENTICATED or KEY_REVOKED'),
          413: errorResponse('PAYLOAD_TOO_LARGE'),
          415: errorResponse('UNSUPPORTED_MEDIA_TYPE'),
          422: errorResponse('VALIDATION_FAILED, SIGNATURE_INVALID, KEY_NOT_REGISTERED or IDEMPOTENCY_KEY_REUSED'),
          503: errorResponse(
            'UNAVAILABLE: with wait=false while queued deposits have waited over 10 s; nothing written; Retry-After',
          ),
        },
      },
      get: {
        summary: 'Every deposit of a digest, oldest first',
        parameters: [
          { name: 'sha256', in: 'query', schema: hex64 },
          { name: 'sm3', in: 'query', schema: hex64 },
        ],
        responses: { 200: { description: '{ "deposits": [Receipt] }' }, 422: errorResponse('VALIDATION_FAILED') },
      },
    },
    '/deposits/{id}': {
      get: {
        summary: 'A deposit with a fresh receipt (proof to the latest checkpoint)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          200: {
            description: 'Receipt',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Receipt' } } },
          },
          404: errorResponse('NOT_FOUND'),
          422: errorResponse('VALIDATION_FAILED'),
        },
      },
    },
    '/cases/{caseId}/uploads': {
      post: {
        summary: 'Start a resumable upload of an exhibit file (a party of the case; session cookie)',
        description:
          'Body: { fileName, mediaType, size, sha256, sm3 } — the digests the browser computed. Requires the header ' +
          'X-Verity-Upload: 1. The server hashes the bytes itself as they arrive (PATCH /uploads/{id}) and refuses ' +
          'the upload when its digests differ (DIGEST_MISMATCH).',
        parameters: [{ name: 'caseId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          201: { description: '{ id, offset, size, chunkSize, … } with Location: /api/v1/uploads/{id}' },
          401: errorResponse('UNAUTHENTICATED'),
          403: errorResponse('FORBIDDEN'),
          404: errorResponse('NOT_FOUND'),
          413: errorResponse('PAYLOAD_TOO_LARGE'),
          422: errorResponse('VALIDATION_FAILED'),
        },
      },
    },
    '/uploads/{id}': {
      patch: {
        summary: 'Append bytes at Upload-Offset (Content-Type: application/offset+octet-stream)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          200: { description: 'Complete: { id, status: "complete", sha256, sm3, size } (the server’s digests)' },
          204: { description: 'Appended; Upload-Offset: the new offset' },
          404: errorResponse('NOT_FOUND'),
          409: errorResponse('CONFLICT'),
          422: errorResponse('DIGEST_MISMATCH'),
        },
      },
      head: {
        summary: 'Upload-Offset and Upload-Length of the upload',
        responses: { 200: { description: 'headers' } },
      },
      get: { summary: 'The upload’s status (JSON)', responses: { 200: { description: 'status' } } },
      delete: {
        summary: 'Cancel the upload (its bytes are deleted)',
        responses: { 204: { description: 'cancelled' } },
      },
    },
    '/exhibits/{exhibitId}/file': {
      get: {
        summary: 'The stored bytes of a file exhibit (people of its case; session cookie); a custody-log event',
        parameters: [{ name: 'exhibitId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          200: { description: 'application/octet-stream, Repr-Digest: sha-256=:…:' },
          401: errorResponse('UNAUTHENTICATED'),
          404: errorResponse('NOT_FOUND'),
        },
      },
    },
    '/certificates/{id}/pdf': {
      get: {
        summary: 'A certificate as the court’s PDF (people of its case; session cookie); a custody-log event',
        description:
          'Rendered from the stored signed certificate, which it carries as the attachment certificate.json; the ' +
          'QR code and printed link are the public check page <public origin>/certificates/{id} (origin: ' +
          'NEXTAUTH_URL). A revoked certificate says so on every page. Header Verity-Certificate-Status: valid | ' +
          'revoked. HEAD: the same access check, no custody event.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          200: { description: 'application/pdf; Content-Disposition: attachment; filename="<number>.pdf"' },
          401: errorResponse('UNAUTHENTICATED'),
          404: errorResponse('NOT_FOUND'),
        },
      },
    },
    '/cases/{caseId}/certificates.zip': {
      get: {
        summary: 'Every valid certificate of a case as PDFs in a ZIP (people of the case; session cookie)',
        description:
          'Entries: <number>.pdf for each valid certificate, manifest.json ({ format: ' +
          '"verity-certificates-manifest/v1", case, generatedAt, generatedBy, files: [{ name, certificateNumber, ' +
          'certificateId, exhibitNumber, exhibitTitle, verdict, status, size, sha256, checkUrl }], revoked: [...] }) ' +
          'and manifest.sha256 (sha256sum -c format, covering the PDFs and manifest.json). One custody-log event ' +
          'per certificate.',
        parameters: [{ name: 'caseId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          200: { description: 'application/zip' },
          401: errorResponse('UNAUTHENTICATED'),
          404: errorResponse('NOT_FOUND'),
        },
      },
    },
    '/certificates/key': {
      get: {
        summary: "The court's certificate public key (Ed25519)",
        description:
          'text/plain: base64 of the 32-byte public key. With Accept: application/json: { algorithm: "ed25519", ' +
          'keyId: hex of the first 4 bytes of SHA-256(key), publicKey: base64 }.',
        responses: { 200: { description: 'text/plain, or JSON with Accept: application/json' } },
      },
    },
    '/certificates/{id}': {
      get: {
        summary: 'A verification certificate: the body the court signed and its signature (verity-certificate/v1)',
        description:
          'RFC 8785 canonical JSON { format, body, signature: { algorithm, keyId, publicKey, value } }; the signature ' +
          'is Ed25519 over the canonical body. The body carries the deposit leaf and its c2sp.org/tlog-proof@v1, so ' +
          'the certificate verifies offline. Header Verity-Certificate-Status: valid | revoked.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          200: { description: 'application/json certificate file; Cache-Control: public, max-age=60' },
          404: errorResponse('NOT_FOUND'),
        },
      },
    },
    '/certificates/{id}/status': {
      get: {
        summary: 'Whether a certificate stands: valid, revoked (with reason, time and clerk) or unknown',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          200: {
            description:
              '{ state: "valid" | "revoked", certificate: { id, number, … }, revocation?: { reason, at, by } }',
          },
          404: { description: '{ state: "unknown" }' },
        },
      },
    },
    '/log/checkpoint': {
      get: { summary: 'The current signed checkpoint', responses: { 200: { description: 'text/plain signed note' } } },
    },
    '/log/key': {
      get: {
        summary: "The log's verifier key <origin>+<hex8>+<base64>",
        responses: { 200: { description: 'text/plain' } },
      },
    },
    '/log/consistency': {
      get: {
        summary: 'Consistency proof between two issued checkpoints',
        parameters: [
          { name: 'from', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } },
          { name: 'to', in: 'query', required: true, schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          200: { description: '{ "from", "to", "proof": [base64] }' },
          404: errorResponse('NOT_FOUND'),
          422: errorResponse('VALIDATION_FAILED'),
        },
      },
    },
  },
} as const;
