/**
 * The ESS signing-certificate attribute of a token (RFC 3161 §2.4.1 requires it): the hash of the
 * TSA certificate inside the signed attributes, which binds the signature to that certificate so
 * that another certificate for the same key cannot be substituted. Accepts signingCertificate
 * (ESSCertID, SHA-1; RFC 2634 §5.4) and signingCertificateV2 (ESSCertIDv2; RFC 5035 §3, RFC 5816).
 * pkijs has no classes for these two attributes, so their few fields are read from asn1js' tree
 * (which pkijs already decoded); nothing is encoded by hand. Browser-safe.
 *
 * @see https://www.rfc-editor.org/rfc/rfc5035#section-3
 * @module
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certificateDer, equalBytes } from './tsa-certificate';
import { OID_SHA1, OID_SHA256, OID_SIGNING_CERTIFICATE, OID_SIGNING_CERTIFICATE_V2 } from './tsp-oids';

/** null when the first ESSCertID names `cert` (or the token has no such attribute), else what is wrong. */
export async function signingCertificateProblem(
  signerInfo: pkijs.SignerInfo,
  cert: pkijs.Certificate,
): Promise<string | null> {
  const attrs = signerInfo.signedAttrs?.attributes ?? [];
  const v2 = attrs.find((a) => a.type === OID_SIGNING_CERTIFICATE_V2);
  const v1 = attrs.find((a) => a.type === OID_SIGNING_CERTIFICATE);
  const attr = v2 ?? v1;
  if (!attr) return null;
  // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies … OPTIONAL }
  const certs = seq(seq(attr.values[0])?.valueBlock.value[0]);
  const first = seq(certs?.valueBlock.value[0]);
  if (!first) return 'the signing-certificate attribute is malformed';
  const fields = [...first.valueBlock.value];
  let hashOid = v2 ? OID_SHA256 : OID_SHA1;
  // ESSCertIDv2 starts with an optional AlgorithmIdentifier (absent = SHA-256); ESSCertID has none.
  if (v2 && fields[0] instanceof asn1js.Sequence) {
    hashOid = new pkijs.AlgorithmIdentifier({ schema: fields.shift() }).algorithmId;
  }
  const certHash = fields[0];
  if (!(certHash instanceof asn1js.OctetString)) return 'the signing-certificate attribute has no certificate hash';
  const crypto = pkijs.getCrypto(true);
  const algorithm = crypto.getAlgorithmByOID(hashOid);
  if (!('name' in algorithm)) return `the signing-certificate attribute uses an unknown hash (${hashOid})`;
  const digest = new Uint8Array(await crypto.digest(algorithm.name, certificateDer(cert)));
  if (!equalBytes(digest, certHash.valueBlock.valueHexView)) {
    return 'the signing-certificate attribute names another certificate than the one that signed';
  }
  const issuerSerial = fields[1];
  if (issuerSerial instanceof asn1js.Sequence) {
    const serial = new pkijs.IssuerSerial({ schema: issuerSerial }).serialNumber;
    if (!serial.isEqual(cert.serialNumber)) {
      return 'the signing-certificate attribute names another serial number than the signer certificate';
    }
  }
  return null;
}

function seq(value: unknown): asn1js.Sequence | undefined {
  return value instanceof asn1js.Sequence ? value : undefined;
}
