/**
 * What the monitor trusts, decided before its first pass and pinned in its state: the log's key
 * (`--log-key`, or the portal's GET /api/v1/log/key on the first run — trust on first use, said
 * loudly) and the witness policy (`--witness-key` … `--quorum`, or the portal's GET
 * /api/v1/log/witnesses on the first run; a 404 there means the log names no witnesses, pinned as
 * "unwitnessed"). Later runs keep the pins: a different `--log-key` or policy is refused (start a
 * new state file deliberately), and a portal whose published policy differs from the pinned one
 * is reported, never silently adopted.
 *
 * Portable: lib/tlog, zod and the injected client.
 *
 * @module
 */
import { z } from 'zod';
import { issueSummary } from '@/lib/errors/zod-issues';
import { parseCosignaturePolicy, parseCosignerVerifierKey, parseVerifierKey } from '@/lib/tlog';
import { MONITOR_STATE_FORMAT, type MonitorState, type PinnedWitnessPolicy } from './monitor-state';
import { PortalAnswerError, type PortalClient } from './portal-client';

/** GET /api/v1/log/witnesses (DESIGN.md "Witnessing, tiles and anchors"). */
export const ZWitnessesAnswer = z.object({
  policy: z.object({ quorum: z.number().int().min(0) }),
  witnesses: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        nameEn: z.string().max(200).optional(),
        verifierKey: z.string().min(1).max(4000),
        url: z.string().optional(),
      }),
    )
    .max(100),
});

export interface TrustArguments {
  logKey?: string;
  witnessKeys: string[];
  quorum?: number;
}

/** A pin given on the command line disagrees with the state file: the user must choose (exit 2). */
export class TrustConflictError extends Error {
  override name = 'TrustConflictError';
}

export interface ResolvedTrust {
  state: MonitorState;
  /** Lines to print before the pass: pins taken on first use (loudly), policy changes seen. */
  notices: string[];
  /** True when the state changed (a first run): write it once the first pass succeeds. */
  pinnedNow: boolean;
}

/** The witness policy from the command line, checked (k of the named witnesses). */
export function givenWitnessPolicy(keys: string[], quorum: number | undefined): PinnedWitnessPolicy {
  const policy = { witnesses: keys, quorum: quorum ?? new Set(keys.map((k) => parseCosignerVerifierKey(k).name)).size };
  parseCosignaturePolicy(policy); // throws on bad keys or quorum
  if (policy.quorum < 1) throw new TrustConflictError('--quorum must be at least 1');
  return { quorum: policy.quorum, witnesses: keys.map((verifierKey) => ({ verifierKey })), source: 'given' };
}

function samePolicy(a: PinnedWitnessPolicy | null, b: PinnedWitnessPolicy | null): boolean {
  if (a === null || b === null) return a === b;
  const keys = (p: PinnedWitnessPolicy) =>
    p.witnesses
      .map((w) => w.verifierKey)
      .sort()
      .join('\n');
  return a.quorum === b.quorum && keys(a) === keys(b);
}

export function describePolicy(policy: PinnedWitnessPolicy | null): string {
  if (!policy) return 'no witnesses (unwitnessed)';
  const names = policy.witnesses.map((w) => w.name ?? parseCosignerVerifierKey(w.verifierKey).name);
  return `${policy.quorum} of ${policy.witnesses.length}: ${names.join(', ')}`;
}

/** The portal's published witness policy: null for 404 or no witnesses. */
export async function fetchWitnessPolicy(client: PortalClient): Promise<PinnedWitnessPolicy | null> {
  const answer = await client.get('witnesses');
  if (answer.status === 404) return null;
  if (answer.status !== 200) {
    throw new PortalAnswerError(`GET ${client.logPrefix}witnesses answered ${answer.status}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(answer.bytes));
  } catch {
    throw new PortalAnswerError(`GET ${client.logPrefix}witnesses is not JSON`);
  }
  const parsed = ZWitnessesAnswer.safeParse(value);
  if (!parsed.success) {
    throw new PortalAnswerError(
      `GET ${client.logPrefix}witnesses is not a witness policy: ${issueSummary(parsed.error)}`,
    );
  }
  const { policy, witnesses } = parsed.data;
  if (witnesses.length === 0 || policy.quorum === 0) return null;
  try {
    parseCosignaturePolicy({ witnesses: witnesses.map((w) => w.verifierKey), quorum: policy.quorum });
  } catch (error) {
    throw new PortalAnswerError(
      `GET ${client.logPrefix}witnesses names an unusable policy: ${(error as Error).message}`,
    );
  }
  return {
    quorum: policy.quorum,
    witnesses: witnesses.map((w) => ({ verifierKey: w.verifierKey, name: w.name })),
    source: 'first-use',
  };
}

/** The state to run with: the stored one (checked against the arguments) or a new one pinned now. */
export async function resolveTrust(
  client: PortalClient,
  stored: MonitorState | undefined,
  args: TrustArguments,
): Promise<ResolvedTrust> {
  const given = args.witnessKeys.length > 0 ? givenWitnessPolicy(args.witnessKeys, args.quorum) : undefined;
  if (stored) {
    if (stored.portal !== client.base) {
      throw new TrustConflictError(`the state file belongs to ${stored.portal}, not ${client.base}`);
    }
    if (args.logKey !== undefined && args.logKey !== stored.logKey) {
      throw new TrustConflictError(
        `the state file pins another log key (${stored.logKey}); a log's key does not change — if it really did, start a new state file with --state`,
      );
    }
    if (given && !samePolicy(given, stored.witnessPolicy)) {
      throw new TrustConflictError(
        `the state file pins another witness policy (${describePolicy(stored.witnessPolicy)}); to change it, start a new state file with --state`,
      );
    }
    const notices: string[] = [];
    if (!given && stored.witnessPolicy?.source !== 'given') {
      // The published policy, compared with the pin (a failure to read it changes nothing).
      try {
        const published = await fetchWitnessPolicy(client);
        if (!samePolicy(published, stored.witnessPolicy)) {
          notices.push(
            `NOTE: the portal now publishes the witness policy ${describePolicy(published)}, not the pinned ${describePolicy(stored.witnessPolicy)}. Still checking against the pinned policy; to adopt the new one, check it with its witnesses and start a new state file.`,
          );
        }
      } catch (error) {
        notices.push(`note: the portal's witness policy could not be read (${(error as Error).message})`);
      }
    }
    return { state: stored, notices, pinnedNow: false };
  }

  const notices: string[] = [];
  let logKey = args.logKey;
  let logKeySource: MonitorState['logKeySource'] = 'given';
  if (logKey === undefined) {
    const text = (await client.text('key', "the log's key")).trim();
    try {
      parseVerifierKey(text);
    } catch (error) {
      throw new PortalAnswerError(`GET ${client.logPrefix}key is not a log verifier key: ${(error as Error).message}`);
    }
    logKey = text;
    logKeySource = 'first-use';
    notices.push(
      `WARNING: TRUSTING THE LOG KEY ON FIRST USE: ${logKey} was taken from the portal itself and is now pinned. Compare it with the key the court publishes elsewhere, or pass --log-key.`,
    );
  }
  let witnessPolicy: PinnedWitnessPolicy | null;
  if (given) witnessPolicy = given;
  else {
    witnessPolicy = await fetchWitnessPolicy(client);
    notices.push(
      witnessPolicy
        ? `WARNING: TRUSTING THE WITNESS POLICY ON FIRST USE: ${describePolicy(witnessPolicy)}, taken from the portal itself and now pinned. Compare the witness keys with the institutions', or pass --witness-key and --quorum.`
        : 'WARNING: THE LOG IS UNWITNESSED: the portal names no witnesses (GET /api/v1/log/witnesses), so no cosignature is checked; only this monitor and the log’s own signature stand behind what it sees.',
    );
  }
  const state: MonitorState = {
    format: MONITOR_STATE_FORMAT,
    portal: client.base,
    origin: parseVerifierKey(logKey).name,
    logKey,
    logKeySource,
    witnessPolicy,
    checkpoint: null,
  };
  return { state, notices, pinnedNow: true };
}
