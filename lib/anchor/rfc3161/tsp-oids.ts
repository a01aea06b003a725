/**
 * Object identifiers of RFC 3161 time-stamping and the CMS attributes a token carries, named once
 * so that the checker, the requester and the responder agree on them.
 *
 * @see https://www.rfc-editor.org/rfc/rfc3161 (TSP), https://www.rfc-editor.org/rfc/rfc5816
 * (ESSCertIDv2 in time-stamp tokens), https://www.rfc-editor.org/rfc/rfc5652 (CMS)
 * @module
 */

export const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
/** id-ct-TSTInfo: the eContentType of a time-stamp token. */
export const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
export const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
export const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
export const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
/** id-aa-signingCertificate (ESSCertID, SHA-1 certificate hash; RFC 2634). */
export const OID_SIGNING_CERTIFICATE = '1.2.840.113549.1.9.16.2.12';
/** id-aa-signingCertificateV2 (ESSCertIDv2, any hash, SHA-256 by default; RFC 5035). */
export const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
/** id-kp-timeStamping: the only extended key usage a TSA certificate may carry (RFC 3161 §2.3). */
export const OID_KP_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
export const OID_EXT_KEY_USAGE = '2.5.29.37';
export const OID_COMMON_NAME = '2.5.4.3';
export const OID_ORGANIZATION = '2.5.4.10';

export const OID_SHA1 = '1.3.14.3.2.26';
export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
export const OID_SHA384 = '2.16.840.1.101.3.4.2.2';
export const OID_SHA512 = '2.16.840.1.101.3.4.2.3';

/** Digest lengths of the hash algorithms a message imprint may use here, by OID. */
export const IMPRINT_HASHES: ReadonlyMap<string, { name: string; length: number }> = new Map([
  [OID_SHA256, { name: 'SHA-256', length: 32 }],
  [OID_SHA384, { name: 'SHA-384', length: 48 }],
  [OID_SHA512, { name: 'SHA-512', length: 64 }],
]);
