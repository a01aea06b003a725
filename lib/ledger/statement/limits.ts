/**
 * The deposit statement's version, fixed limits and signature algorithms, as plain values: the browser's
 * checking code (receipt.schema.ts, leaf-statement.schema.ts) and the /deposit form need them
 * without evaluating the deposit request's zod schemas (./deposit-request.schema.ts), whose
 * construction is a measurable pause on the page at the end of a long hash (e2e/verify/large-file).
 *
 * @module
 */
/** Version of the signed payload and of the leaf statement; bumped if either format changes. */
export const STATEMENT_VERSION = 1;

export const SIGNATURE_ALGORITHMS = ['ed25519', 'sm2'] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

export const MAX_TITLE_LENGTH = 500;
export const MAX_METADATA_BYTES = 4096;
export const MAX_BATCH_SIZE = 1000;
