/**
 * What /verify needs to check a dropped certificate of either kind (the checkers and the PDF
 * reader, with pdf-lib), loaded with `import('./certificate-engine')` only when a certificate is
 * dropped.
 *
 * @module
 */
export { certificateKindOf, checkDepositCertificate } from '@/components/certificate-check/deposit-check';
export { verifyCertificate } from '@/components/certificate-check/engine';
export { readCertificateFile } from '@/components/certificate-check/read-certificate-file';
