/**
 * The browser's checking engine as the pages load it (components/verify, components/exhibits):
 * `import('@/lib/verification/engine')` once the page is interactive, so the form does not wait
 * for it. It holds what the page needs to check the ledger when it opens (the checkpoint's
 * Ed25519 signature, the consistency proof from the remembered checkpoint). The witness policy is read and compared with the pinned one
 * on opening too (witness-policy.ts: no cryptography, no zod). Checking a file,
 * digest or deposit ID (the receipts' zod schemas, the leaf parser, inclusion proofs) is loaded on
 * its first use: a visitor who only looks at the page does not download it
 * (`npm run bench:first-load`).
 *
 * @module
 */
import type * as Subjects from './verify-subject';
import type * as WitnessedBy from './witnessed-by';

export { checkLedger, localCheckpointStore } from './check-ledger';
export { fetchWitnessPolicy, ledgerClient } from './ledger-client';
export { acceptWitnessPolicy, checkWitnessPolicy, localWitnessPolicyStore, policyInForce } from './witness-policy';

/** The next task: the browser can draw a frame between two pieces of work awaited across it. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const loadWitnessedBy = () => import('./witnessed-by');

let subjects: Promise<typeof Subjects> | undefined;

/**
 * Loads the code that checks a file, digest or deposit ID, evaluated in steps — zod with the leaf
 * statement's schema, the receipts' schemas, the checks, the cosignatures' check — each in a task of its own: in one task
 * they held the page for about 75 ms on a 4× slowed CPU, a missed frame at the moment a long hash
 * ends (e2e/verify/large-file.spec.ts). The pages call this when a file is chosen, so that the
 * code is ready by the time the file's digests are.
 */
export function prepareChecks(): Promise<typeof Subjects> {
  if (!subjects) {
    const loading = (async () => {
      // Not import('zod') on its own: that would download all of zod, not the parts the schemas use.
      await import('@/lib/ledger/statement/parse-leaf');
      await nextTask();
      await Promise.all([import('@/lib/ledger/receipt.schema'), import('@/lib/ledger/log.schema')]);
      await nextTask();
      const loaded = await import('./verify-subject');
      // Who vouched for the checkpoint (the cosignatures' check, with ML-DSA-44) is the last step.
      await nextTask();
      await loadWitnessedBy();
      return loaded;
    })();
    subjects = loading;
    // A failed load (the network) is tried again by the next check.
    loading.catch(() => {
      if (subjects === loading) subjects = undefined;
    });
  }
  return subjects;
}

/** Who cosigned a checkpoint (witnessed-by.ts: the cosignature code is loaded on first use). */
export async function witnessedBy(...args: Parameters<typeof WitnessedBy.witnessedBy>) {
  return (await loadWitnessedBy()).witnessedBy(...args);
}

export async function verifySubject(...args: Parameters<typeof Subjects.verifySubject>) {
  return (await prepareChecks()).verifySubject(...args);
}

export async function lookUpDeposit(...args: Parameters<typeof Subjects.lookUpDeposit>) {
  return (await prepareChecks()).lookUpDeposit(...args);
}
