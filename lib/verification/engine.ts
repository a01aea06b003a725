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

const loadSubjects = () => import('./verify-subject');
const loadWitnessedBy = () => import('./witnessed-by');

/** Who cosigned a checkpoint (witnessed-by.ts: the cosignature code is loaded on first use). */
export async function witnessedBy(...args: Parameters<typeof WitnessedBy.witnessedBy>) {
  return (await loadWitnessedBy()).witnessedBy(...args);
}

export async function verifySubject(...args: Parameters<typeof Subjects.verifySubject>) {
  return (await loadSubjects()).verifySubject(...args);
}

export async function lookUpDeposit(...args: Parameters<typeof Subjects.lookUpDeposit>) {
  return (await loadSubjects()).lookUpDeposit(...args);
}
