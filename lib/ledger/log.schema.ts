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

/** One witness as `GET /api/v1/log/witnesses` lists it (VERITY_WITNESSES). */
export const ZWitness = z
  .strictObject({
    name: z.string().min(1).max(100).meta({ description: 'The institution, as people read its name (示范公证处)' }),
    nameEn: z.string().min(1).max(200).optional().meta({ description: 'Its name in English, when it has one' }),
    verifierKey: z
      .string()
      .regex(/^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+={0,2}$/)
      .meta({ description: 'Its cosigner verifier key (c2sp.org/tlog-cosignature), <key name>+<8 hex>+<base64>' }),
    url: z
      .string()
      .regex(/^https?:\/\/\S+$/)
      .meta({
        description: 'Its base URL; the log POSTs checkpoints to <url>/add-checkpoint (c2sp.org/tlog-witness)',
      }),
  })
  .meta({ description: 'A witness the log asks to cosign its checkpoints' });

/** `GET /api/v1/log/witnesses`: whom the log asks and how many must cosign (DESIGN.md). */
export const ZWitnessPolicy = z
  .strictObject({
    policy: z.strictObject({
      quorum: z.number().int().nonnegative().meta({
        description: 'How many of the witnesses must cosign a checkpoint (k of n); 0 when the log has none',
      }),
    }),
    witnesses: z.array(ZWitness).max(20),
  })
  .meta({ description: 'The log’s witness policy: its witnesses and the quorum verifiers require' });

/** A witness's refusal that means someone saw another history of the log, with the evidence. */
export const ZWitnessAlarm = z
  .strictObject({
    id: z.uuid(),
    kind: z.enum(['proof_refused', 'other_root', 'ahead_of_log']).meta({
      description:
        'proof_refused: the witness (422) holds a tree the checkpoint does not extend; other_root: it holds the same size with another root; ahead_of_log: it holds a larger size than the log ever signed (409)',
    }),
    witness: z.strictObject({ name: z.string(), verifierKey: z.string(), url: z.string() }),
    checkpointSize: z.number().int().nonnegative(),
    checkpoint: z.string().meta({ description: 'The log’s signed checkpoint that was sent' }),
    oldSize: z.number().int().nonnegative().meta({ description: 'The old size sent with it' }),
    proof: z.array(ZBase64Hash).meta({ description: 'The consistency proof sent, from oldSize' }),
    status: z.number().int().meta({ description: 'The witness’s HTTP status' }),
    responseBody: z.string().meta({ description: 'The witness’s answer, as it came' }),
    witnessSize: z.number().int().nonnegative().nullable().meta({ description: 'The size it said it holds (409)' }),
    witnessCheckpoint: z
      .string()
      .nullable()
      .meta({ description: 'The checkpoint the witness holds, from its monitoring endpoint, when it answered' }),
    detectedAt: z.iso.datetime().meta({ description: 'When the log received the refusal (RFC 3339)' }),
  })
  .meta({ description: 'A witness’s refusal showing that the log was seen with another history: the evidence' });

/** `GET /api/v1/log/alarms`: the newest alarms and how many there are. */
export const ZWitnessAlarms = z
  .strictObject({
    total: z.number().int().nonnegative().meta({ description: 'Alarms stored in all (0: no witness ever refused)' }),
    alarms: z.array(ZWitnessAlarm).max(100).meta({ description: 'The newest first' }),
  })
  .meta({ description: 'Witness alarms: evidence that the log showed two histories' });

export type WitnessPolicyAnswer = z.output<typeof ZWitnessPolicy>;
export type WitnessAlarmsAnswer = z.output<typeof ZWitnessAlarms>;

const ZHex32 = z.string().regex(/^0x[0-9a-f]{64}$/);

/** A checkpoint anchored on an EVM chain: the EvidenceAnchor contract's Anchored event (DESIGN.md). */
export const ZEvmAnchor = z
  .strictObject({
    kind: z.literal('evm'),
    treeSize: z.number().int().nonnegative().meta({ description: 'The anchored checkpoint’s tree size' }),
    rootHash: ZBase64Hash.meta({ description: 'Its root hash, base64 (on the chain as bytes32)' }),
    chainId: z.number().int().positive().meta({ description: 'The chain’s ID (eth_chainId)' }),
    chain: z.string().meta({ description: 'The chain’s name as people read it' }),
    demo: z.boolean().meta({ description: 'True for the local demo chain that npm start runs: it proves nothing' }),
    contract: z
      .string()
      .regex(/^0x[0-9a-f]{40}$/)
      .meta({ description: 'The EvidenceAnchor contract' }),
    transactionHash: ZHex32,
    blockNumber: z.number().int().nonnegative(),
    blockHash: ZHex32,
    anchoredAt: z.iso.datetime().meta({ description: 'The block’s timestamp (RFC 3339)' }),
    rpcUrl: z.string().nullable().meta({
      description: 'A JSON-RPC endpoint the public may use to read the anchor, where the court publishes one',
    }),
  })
  .meta({ description: 'A checkpoint anchored on an EVM chain' });

/** A checkpoint time-stamped by an RFC 3161 authority (DESIGN.md): `openssl ts -verify` checks it. */
export const ZTimestampAnchor = z
  .strictObject({
    kind: z.literal('rfc3161'),
    treeSize: z.number().int().nonnegative(),
    rootHash: ZBase64Hash,
    tsa: z.string().meta({ description: 'The authority, as its certificate names it' }),
    tsaUrl: z.string().meta({ description: 'Where the log asked for the token' }),
    demo: z.boolean().meta({ description: 'True for the demo authority that npm start runs: it proves nothing' }),
    checkpoint: ZCheckpointNote.meta({ description: 'The note text the token covers (SHA-256 of its UTF-8 bytes)' }),
    token: z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/)
      .meta({ contentEncoding: 'base64', description: 'The DER TimeStampToken, base64' }),
    certificates: z.array(z.string()).min(1).meta({ description: 'The TSA’s chain as PEM, root last' }),
    anchoredAt: z.iso.datetime().meta({ description: 'The token’s genTime (RFC 3339)' }),
  })
  .meta({ description: 'A checkpoint time-stamped by an RFC 3161 time-stamping authority' });

export const ZLogAnchor = z.discriminatedUnion('kind', [ZEvmAnchor, ZTimestampAnchor]);

/** `GET /api/v1/log/anchors`: anchors in tree-size order (DESIGN.md "Witnessing, tiles and anchors"). */
export const ZLogAnchors = z
  .array(ZLogAnchor)
  .max(100)
  .meta({ description: 'Anchors of the log’s checkpoints in tree-size order: the newest 100, or 100 from ?from=N' });

export type EvmAnchor = z.output<typeof ZEvmAnchor>;
export type TimestampAnchor = z.output<typeof ZTimestampAnchor>;
export type LogAnchorAnswer = z.output<typeof ZLogAnchor>;
