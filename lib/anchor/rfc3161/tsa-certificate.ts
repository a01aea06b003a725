/**
 * What the checker asks of certificates: which one signed the token (the SignerInfo's sid), its
 * name for people, whether it is a TSA certificate (RFC 3161 §2.3), its DER, and the chain from
 * it to a root. Browser-safe (no node: imports).
 *
 * @see https://www.rfc-editor.org/rfc/rfc3161#section-2.3
 * @module
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { derToPem, pemBlocksToDer } from './pem';
import { OID_COMMON_NAME, OID_EXT_KEY_USAGE, OID_KP_TIME_STAMPING, OID_ORGANIZATION } from './tsp-oids';

export function certificateDer(cert: pkijs.Certificate): Uint8Array<ArrayBuffer> {
  return new Uint8Array(cert.toSchema().toBER(false));
}

export function certificateToPem(cert: pkijs.Certificate): string {
  return derToPem(certificateDer(cert));
}

/** Every certificate in PEM texts (each text may hold several); throws on one that does not parse. */
export function certificatesFromPem(pems: readonly string[]): pkijs.Certificate[] {
  return pems.flatMap((pem) => pemBlocksToDer(pem).map((der) => pkijs.Certificate.fromBER(der)));
}

/** The subject's common name, else its organisation, else the whole subject as "type=value" pairs. */
export function certificateName(cert: pkijs.Certificate): string {
  const attr = (oid: string) => cert.subject.typesAndValues.find((tv) => tv.type === oid)?.value.valueBlock.value;
  const cn = attr(OID_COMMON_NAME) ?? attr(OID_ORGANIZATION);
  if (typeof cn === 'string' && cn !== '') return cn;
  return cert.subject.typesAndValues.map((tv) => `${tv.type}=${String(tv.value.valueBlock.value)}`).join(', ');
}

/** RFC 3161 §2.3: exactly one extendedKeyUsage extension, critical, holding id-kp-timeStamping only. */
export function timeStampingProblem(cert: pkijs.Certificate): string | null {
  const ekus = (cert.extensions ?? []).filter((e) => e.extnID === OID_EXT_KEY_USAGE);
  const [eku, ...more] = ekus;
  if (!eku) return 'the signing certificate has no extendedKeyUsage extension (timeStamping required)';
  if (more.length > 0) return 'the signing certificate has more than one extendedKeyUsage extension';
  if (!eku.critical) return 'the extendedKeyUsage extension of the signing certificate is not critical';
  const purposes = eku.parsedValue instanceof pkijs.ExtKeyUsage ? eku.parsedValue.keyPurposes : [];
  if (purposes.length !== 1 || purposes[0] !== OID_KP_TIME_STAMPING) {
    return `the signing certificate's extended key usages are [${purposes.join(', ')}], not timeStamping alone`;
  }
  return null;
}

/** The certificate the SignerInfo names (issuer and serial, or subject key identifier). */
export async function findSignerCertificate(
  signerInfo: pkijs.SignerInfo,
  certs: readonly pkijs.Certificate[],
): Promise<pkijs.Certificate | null> {
  const sid = signerInfo.sid as unknown;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  // [0] SubjectKeyIdentifier: compared with SHA-1 of the public key, as pkijs' SignedData.verify does.
  if (sid instanceof asn1js.Constructed || sid instanceof asn1js.Primitive) {
    const keyId =
      sid instanceof asn1js.Constructed
        ? ((sid.valueBlock.value[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView ?? new Uint8Array())
        : sid.valueBlock.valueHexView;
    const crypto = pkijs.getCrypto(true);
    for (const c of certs) {
      const digest = await crypto.digest(
        'SHA-1',
        c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView.slice(),
      );
      if (equalBytes(new Uint8Array(digest), keyId)) return c;
    }
  }
  return null;
}

/** From `leaf` up through `pool` by issuer name until a self-issued certificate or no issuer. */
export function chainToRoot(leaf: pkijs.Certificate, pool: readonly pkijs.Certificate[]): pkijs.Certificate[] {
  const chain = [leaf];
  let current = leaf;
  while (!current.issuer.isEqual(current.subject) && chain.length < 10) {
    const issuer = pool.find((c) => c.subject.isEqual(current.issuer) && !chain.includes(c));
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * An OID as pkijs gives it, with any sub-identifier above 2^53 made decimal: asn1js prints those
 * as `{hex}` of their 7-bit groups (base 128), and 2.25.<UUID> policies (ITU-T X.667) are such.
 */
export function oidToString(oid: string): string {
  return oid.replace(/\{([0-9a-f]+)\}/gi, (_, hexGroups: string) => {
    let value = 0n;
    for (let i = 0; i < hexGroups.length; i += 2)
      value = value * 128n + BigInt(Number.parseInt(hexGroups.slice(i, i + 2), 16));
    return value.toString();
  });
}
