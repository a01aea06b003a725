/**
 * What /verify needs to check a dropped certificate (the checker and the PDF reader, with
 * pdf-lib), loaded with `import('./certificate-engine')` only when a certificate is dropped.
 *
 * @module
 */
export { verifyCertificate } from '@/components/certificate-check/engine';
export { readCertificateFile } from '@/components/certificate-check/read-certificate-file';
