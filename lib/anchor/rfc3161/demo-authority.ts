/**
 * The built-in responder's demo certification authority: a self-signed root "Verity Demo
 * Time-Stamping Root — demo only" and, signed by it, the TSA certificate "Verity Demo TSA — demo
 * only" (ECDSA P-256, critical extendedKeyUsage timeStamping, RFC 3161 §2.3). Built with pkijs
 * and WebCrypto. Tests make broken authorities from the same function (a past validity, no EKU,
 * another root) to prove the checker refuses them.
 *
 * @see https://www.rfc-editor.org/rfc/rfc5280 (certificate profile)
 * @module
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { derToPem } from './pem';
import { certificateDer } from './tsa-certificate';
import { OID_COMMON_NAME, OID_EXT_KEY_USAGE, OID_KP_TIME_STAMPING } from './tsp-oids';

export const DEMO_ROOT_NAME = 'Verity Demo Time-Stamping Root — demo only';
export const DEMO_TSA_NAME = 'Verity Demo TSA — demo only';

/** Everything as PEM: what the authority directory keeps (keys are PKCS#8). */
export interface DemoAuthority {
  rootPem: string;
  rootKeyPem: string;
  tsaPem: string;
  tsaKeyPem: string;
}

export interface CreateDemoAuthorityOptions {
  now?: Date;
  rootName?: string;
  tsaName?: string;
  /** The TSA certificate's validity (default: an hour ago to ten years on). */
  tsaNotBefore?: Date;
  tsaNotAfter?: Date;
  /** 'critical' (default, RFC 3161), 'non-critical', or 'none' — the latter two only to test refusals. */
  timeStampingEku?: 'critical' | 'non-critical' | 'none';
}

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

export async function createDemoAuthority(options: CreateDemoAuthorityOptions = {}): Promise<DemoAuthority> {
  const now = options.now ?? new Date();
  const crypto = pkijs.getCrypto(true);
  const rootKeys = (await crypto.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const tsaKeys = (await crypto.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const rootName = name(options.rootName ?? DEMO_ROOT_NAME);

  const root = await certificate({
    subject: rootName,
    publicKey: rootKeys.publicKey,
    notBefore: new Date(now.getTime() - 3600_000),
    notAfter: new Date(now.getTime() + 20 * YEAR_MS),
    issuer: { name: rootName, publicKey: rootKeys.publicKey, privateKey: rootKeys.privateKey },
    extensions: [
      new pkijs.Extension({
        extnID: '2.5.29.19',
        critical: true,
        extnValue: new pkijs.BasicConstraints({ cA: true }).toSchema().toBER(false),
      }),
      // keyCertSign | cRLSign (bits 5 and 6)
      keyUsage(new Uint8Array([0x06]), 1),
    ],
  });
  const eku = options.timeStampingEku ?? 'critical';
  const tsa = await certificate({
    subject: name(options.tsaName ?? DEMO_TSA_NAME),
    publicKey: tsaKeys.publicKey,
    notBefore: options.tsaNotBefore ?? new Date(now.getTime() - 3600_000),
    notAfter: options.tsaNotAfter ?? new Date(now.getTime() + 10 * YEAR_MS),
    issuer: { name: rootName, publicKey: rootKeys.publicKey, privateKey: rootKeys.privateKey },
    extensions: [
      // digitalSignature (bit 0)
      keyUsage(new Uint8Array([0x80]), 7),
      ...(eku === 'none'
        ? []
        : [
            new pkijs.Extension({
              extnID: OID_EXT_KEY_USAGE,
              critical: eku === 'critical',
              extnValue: new pkijs.ExtKeyUsage({ keyPurposes: [OID_KP_TIME_STAMPING] }).toSchema().toBER(false),
            }),
          ]),
    ],
  });
  return {
    rootPem: derToPem(certificateDer(root)),
    rootKeyPem: derToPem(new Uint8Array(await crypto.exportKey('pkcs8', rootKeys.privateKey)), 'PRIVATE KEY'),
    tsaPem: derToPem(certificateDer(tsa)),
    tsaKeyPem: derToPem(new Uint8Array(await crypto.exportKey('pkcs8', tsaKeys.privateKey)), 'PRIVATE KEY'),
  };
}

interface CertificateSpec {
  subject: pkijs.RelativeDistinguishedNames;
  publicKey: CryptoKey;
  notBefore: Date;
  notAfter: Date;
  extensions: pkijs.Extension[];
  issuer: { name: pkijs.RelativeDistinguishedNames; publicKey: CryptoKey; privateKey: CryptoKey };
}

async function certificate(spec: CertificateSpec): Promise<pkijs.Certificate> {
  const crypto = pkijs.getCrypto(true);
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: randomSerial() });
  cert.subject = spec.subject;
  cert.issuer = spec.issuer.name;
  cert.notBefore = new pkijs.Time({ type: timeType(spec.notBefore), value: spec.notBefore });
  cert.notAfter = new pkijs.Time({ type: timeType(spec.notAfter), value: spec.notAfter });
  await cert.subjectPublicKeyInfo.importKey(spec.publicKey, crypto);
  const keyId = async (key: CryptoKey) => {
    const spki = new Uint8Array(await crypto.exportKey('spki', key));
    const info = pkijs.PublicKeyInfo.fromBER(spki);
    return new Uint8Array(await crypto.digest('SHA-1', info.subjectPublicKey.valueBlock.valueHexView.slice()));
  };
  cert.extensions = [
    ...spec.extensions,
    new pkijs.Extension({
      extnID: '2.5.29.14',
      extnValue: new asn1js.OctetString({ valueHex: await keyId(spec.publicKey) }).toBER(false),
    }),
    new pkijs.Extension({
      extnID: '2.5.29.35',
      extnValue: new pkijs.AuthorityKeyIdentifier({
        keyIdentifier: new asn1js.OctetString({ valueHex: await keyId(spec.issuer.publicKey) }),
      })
        .toSchema()
        .toBER(false),
    }),
  ];
  await cert.sign(spec.issuer.privateKey, 'SHA-256', crypto);
  return cert;
}

function name(commonName: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({ type: OID_COMMON_NAME, value: new asn1js.Utf8String({ value: commonName }) }),
    ],
  });
}

function keyUsage(bits: Uint8Array, unusedBits: number): pkijs.Extension {
  return new pkijs.Extension({
    extnID: '2.5.29.15',
    critical: true,
    extnValue: new asn1js.BitString({ valueHex: bits, unusedBits }).toBER(false),
  });
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
function timeType(date: Date): pkijs.TimeType {
  return date.getUTCFullYear() < 2050 ? pkijs.TimeType.UTCTime : pkijs.TimeType.GeneralizedTime;
}

/** A positive 16-byte serial (RFC 5280 §4.1.2.2: at most 20 octets, unpredictable). */
export function randomSerial(): Uint8Array {
  const serial = pkijs.getCrypto(true).getRandomValues(new Uint8Array(16));
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  return serial;
}
