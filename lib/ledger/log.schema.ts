/**
 * The log's own answers, defined once: the signed checkpoint (`GET /api/v1/log/checkpoint`,
 * text), the verifier key (`GET /api/v1/log/key`, text) and consistency proofs
 * (`GET /api/v1/log/consistency`, JSON): DESIGN.md "Fixed formats". Browser-safe, like
 * receipt.schema.ts. The patterns describe the shape only; signatures and proofs are checked by
 * lib/tlog, never by a schema.
 *
 * @see https://c2sp.org/tlog-checkpoint
 * @see https://c2sp.org/signed-note
 * @module
 */
import { z } from 'zod';

/** A SHA-256 hash in standard base64: 43 characters and one `=`. */
export const ZBase64Hash = z
  .string()
  .regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/)
  .meta({ contentEncoding: 'base64', description: 'A 32-byte SHA-256 hash, base64' });

/**
 * A checkpoint as a signed note: origin, tree size, root hash (base64), optional extension lines,
 * a blank line, then one or more signature lines `— <name> <base64>`.
 */
export const ZCheckpointNote = z
  .string()
  .regex(/^[^\n]+\n(?:0|[1-9][0-9]{0,19})\n[A-Za-z0-9+/]{43}=\n(?:[^\n]+\n)*\n(?:\u2014 [^\n]+\n)+$/)
  .meta({ description: 'C2SP tlog-checkpoint as a C2SP signed note (Ed25519), text' });

/** The log's verifier key as `GET /api/v1/log/key` answers it: one line. */
export const ZVerifierKeyText = z
  .string()
  .regex(/^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+={0,2}\n$/)
  .meta({
    description: 'The log’s verifier key, <origin>+<8 hex key ID>+<base64(0x01 || Ed25519 public key)>, and a newline',
  });

/** `{ from, to, proof }`: RFC 9162 §2.1.4 consistency proof between two checkpoints the log issued. */
export const ZConsistencyProof = z
  .strictObject({
    from: z.number().int().positive(),
    to: z.number().int().positive(),
    proof: z.array(ZBase64Hash),
  })
  .meta({ description: 'Consistency proof between two tree sizes the log signed checkpoints for (empty when equal)' });

export type ConsistencyProof = z.output<typeof ZConsistencyProof>;
