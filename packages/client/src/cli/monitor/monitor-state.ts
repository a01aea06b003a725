/**
 * What a monitor remembers between runs (one JSON file per portal, monitor-state-file.ts): the
 * log key and witness policy it pinned, and the newest checkpoint it verified — every entry up to
 * that size was read from the tiles and checked. The next run checks that the log's new
 * checkpoint extends this one and reads only the entries after it.
 *
 * Parsed strictly (zod): a state file that does not parse is refused, never repaired or replaced,
 * since replacing it would silently forget the pins.
 *
 * @module
 */
import { z } from 'zod';
import { issueSummary } from '@/lib/errors/zod-issues';
import { base64ToBytes, bytesToBase64, parseCosignerVerifierKey, parseVerifierKey, verifyCheckpoint } from '@/lib/tlog';

export const MONITOR_STATE_FORMAT = 'verity-monitor-state/v1';

/** How a key or policy came to be trusted: given on the command line, or taken from the portal on the first run. */
export const ZTrustSource = z.enum(['given', 'first-use']);
export type TrustSource = z.infer<typeof ZTrustSource>;

const ZVerifierKey = z.string().refine((text) => {
  try {
    parseVerifierKey(text);
    return true;
  } catch {
    return false;
  }
}, 'not a log verifier key (<name>+<hex>+<base64>)');

const ZCosignerKey = z.string().refine((text) => {
  try {
    parseCosignerVerifierKey(text);
    return true;
  } catch {
    return false;
  }
}, 'not a witness verifier key (<name>+<hex>+<base64>)');

export const ZPinnedWitnessPolicy = z.strictObject({
  quorum: z.number().int().min(1),
  witnesses: z
    .array(z.strictObject({ verifierKey: ZCosignerKey, name: z.string().min(1).max(200).optional() }))
    .min(1)
    .max(100),
  source: ZTrustSource,
});
export type PinnedWitnessPolicy = z.infer<typeof ZPinnedWitnessPolicy>;

export const ZMonitorState = z
  .strictObject({
    format: z.literal(MONITOR_STATE_FORMAT),
    portal: z.string().min(1),
    origin: z.string().min(1),
    logKey: ZVerifierKey,
    logKeySource: ZTrustSource,
    /** null: the log names no witnesses (unwitnessed), pinned as such. */
    witnessPolicy: ZPinnedWitnessPolicy.nullable(),
    /** The newest checkpoint verified (the signed note as served), or null before the first. */
    checkpoint: z
      .strictObject({
        note: z.string().min(1),
        size: z.string().regex(/^(0|[1-9][0-9]{0,19})$/),
        rootHash: z.string().min(1),
        verifiedAt: z.iso.datetime(),
      })
      .nullable(),
    /**
     * A catch-up cut short (Ctrl-C, a network failure): the entries before `entries` were verified
     * in the tree of `note`, a newer checkpoint not yet verified to the end. The next run resumes
     * there once that checkpoint is proven a prefix of (or equal to) the one it reads.
     */
    progress: z.strictObject({ note: z.string().min(1), entries: z.string().regex(/^[1-9][0-9]{0,19}$/) }).optional(),
  })
  .superRefine((state, ctx) => {
    // Zod runs this even when a member failed (non-aborting issues): then those issues suffice.
    try {
      parseVerifierKey(state.logKey);
      for (const w of state.witnessPolicy?.witnesses ?? []) parseCosignerVerifierKey(w.verifierKey);
    } catch {
      return;
    }
    if (parseVerifierKey(state.logKey).name !== state.origin) {
      ctx.addIssue({ code: 'custom', path: ['logKey'], message: 'the log key is not named like the origin' });
    }
    if (
      state.witnessPolicy &&
      state.witnessPolicy.quorum >
        new Set(state.witnessPolicy.witnesses.map((w) => parseCosignerVerifierKey(w.verifierKey).name)).size
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['witnessPolicy', 'quorum'],
        message: 'the quorum is larger than the number of witnesses',
      });
    }
    if (state.progress) {
      try {
        const { checkpoint } = verifyCheckpoint(state.progress.note, [state.logKey], { origin: state.origin });
        const entries = BigInt(state.progress.entries);
        if (entries > checkpoint.size || entries <= BigInt(state.checkpoint?.size ?? '0')) {
          ctx.addIssue({
            code: 'custom',
            path: ['progress', 'entries'],
            message: 'not between the verified size and the size of the checkpoint being read',
          });
        }
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          path: ['progress', 'note'],
          message: `not a checkpoint signed by the pinned log key: ${(error as Error).message}`,
        });
      }
    }
    if (!state.checkpoint) return;
    // The stored checkpoint is re-verified against the pinned key: an edited file is refused.
    try {
      const { checkpoint } = verifyCheckpoint(state.checkpoint.note, [state.logKey], { origin: state.origin });
      if (
        checkpoint.size.toString() !== state.checkpoint.size ||
        bytesToBase64(checkpoint.rootHash) !== state.checkpoint.rootHash
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['checkpoint'],
          message: 'size or root hash differ from the signed note',
        });
      }
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        path: ['checkpoint', 'note'],
        message: `not a checkpoint signed by the pinned log key: ${(error as Error).message}`,
      });
    }
  });
export type MonitorState = z.infer<typeof ZMonitorState>;

/** A state file that cannot be used: unreadable, not JSON, or not a valid state. */
export class MonitorStateError extends Error {
  override name = 'MonitorStateError';
}

/** Parses the text of a state file; throws MonitorStateError saying what is wrong. */
export function parseMonitorState(text: string, file: string): MonitorState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MonitorStateError(`${file} is not JSON: the state file is damaged`);
  }
  const parsed = ZMonitorState.safeParse(value);
  if (!parsed.success) {
    throw new MonitorStateError(`${file} is not a valid monitor state: ${issueSummary(parsed.error)}`);
  }
  return parsed.data;
}

/** The stored checkpoint's size and root, for the tlog functions. */
export function storedCheckpoint(
  state: MonitorState,
): { note: string; size: bigint; rootHash: Uint8Array } | undefined {
  if (!state.checkpoint) return undefined;
  return {
    note: state.checkpoint.note,
    size: BigInt(state.checkpoint.size),
    rootHash: base64ToBytes(state.checkpoint.rootHash),
  };
}
