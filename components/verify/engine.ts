/**
 * Everything the page needs to check the ledger (zod, the leaf parser, Ed25519, Merkle proofs),
 * loaded with `import('./engine')` once the page is interactive, so the form does not wait for it.
 *
 * @module
 */
export { checkLedger, localCheckpointStore } from './check-ledger';
export { ledgerApi } from './ledger-api';
export { lookUpDeposit, verifySubject } from './verify-subject';
