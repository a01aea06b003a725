/**
 * What the page needs to check the ledger when it opens (the checkpoint's Ed25519 signature, the
 * consistency proof from the remembered checkpoint), loaded with `import('./engine')` once the
 * page is interactive, so the form does not wait for it. Checking a file, digest or deposit ID
 * (receipts' zod schemas, the leaf parser, inclusion proofs) is loaded on its first use: a visitor
 * who only looks at the page does not download it.
 *
 * @module
 */
import type * as Subjects from './verify-subject';

export { checkLedger, localCheckpointStore } from './check-ledger';
export { ledgerApi } from './ledger-api';

const loadSubjects = () => import('./verify-subject');

export async function verifySubject(...args: Parameters<typeof Subjects.verifySubject>) {
  return (await loadSubjects()).verifySubject(...args);
}

export async function lookUpDeposit(...args: Parameters<typeof Subjects.lookUpDeposit>) {
  return (await loadSubjects()).lookUpDeposit(...args);
}
