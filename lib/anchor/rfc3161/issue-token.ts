/**
 * Makes one RFC 3161 time-stamp token: a TSTInfo (policy, the request's imprint and nonce, a
 * unique serial, genTime) signed as CMS SignedData with the signed attributes RFC 3161 §2.4.1
 * asks for — contentType, messageDigest, signingTime and signingCertificateV2 (ESSCertIDv2 over
 * the TSA certificate, RFC 5816) — all built by pkijs/asn1js. The signer (key imported, certificate
 * parsed, its ESSCertIDv2 hashed) is prepared once, not per token.
 *
 * @see https://www.rfc-editor.org/rfc/rfc3161#section-2.4.2
 * @module
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { randomSerial } from './demo-authority';
import { parseDerObject } from './parse-timestamp-token';
import { pemBlocksToDer } from './pem';
import { certificateDer } from './tsa-certificate';
import {
  OID_CONTENT_TYPE,
  OID_MESSAGE_DIGEST,
  OID_SIGNED_DATA,
  OID_SIGNING_CERTIFICATE_V2,
  OID_SIGNING_TIME,
  OID_TST_INFO,
} from './tsp-oids';

/** The demo TSA's policy: an OID under 2.25 (a UUID; ITU-T X.667), which needs no registration. */
export const DEMO_TSA_POLICY = '2.25.228881080880583716136459631435277902288';

export interface TokenSigner {
  certificate: pkijs.Certificate;
  privateKey: CryptoKey;
  policy: string;
  /** SigningCertificateV2 value for this certificate, computed once. */
  essCertIdV2: asn1js.Sequence;
}

export async function prepareTokenSigner(
  tsaPem: string,
  tsaKeyPem: string,
  policy = DEMO_TSA_POLICY,
): Promise<TokenSigner> {
  const crypto = pkijs.getCrypto(true);
  const [der] = pemBlocksToDer(tsaPem);
  const [keyDer] = pemBlocksToDer(tsaKeyPem, 'PRIVATE KEY');
  if (!der || !keyDer) throw new Error('the TSA certificate or key PEM is empty');
  const certificate = new PreEncodedCertificate(der);
  const privateKey = await crypto.importKey('pkcs8', keyDer, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  const certHash = new Uint8Array(await crypto.digest('SHA-256', certificateDer(certificate)));
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 4, value: certificate.issuer })] }),
    serialNumber: certificate.serialNumber,
  });
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 ::= SEQUENCE
  // { hashAlgorithm DEFAULT sha256 (so left out, as DER requires), certHash, issuerSerial }.
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial.toSchema()],
          }),
        ],
      }),
    ],
  });
  return { certificate, privateKey, policy, essCertIdV2 };
}

/**
 * The TSA certificate encoded once: pkijs rebuilds and re-encodes a certificate's whole ASN.1 tree
 * each time a SignedData holding it is encoded, which was a third of the responder's CPU per token.
 * An asn1js RawData that writes the certificate's own DER bytes stands in (the same bytes); RawData
 * itself returns its bytes but does not hand them to the ViewWriter a constructed parent passes.
 */
class EncodedDer extends asn1js.RawData {
  override toBER(_sizeOnly?: boolean, writer?: asn1js.ViewWriter): ArrayBuffer {
    const bytes = this.dataView.slice().buffer;
    writer?.write(bytes);
    return bytes;
  }
}

class PreEncodedCertificate extends pkijs.Certificate {
  private readonly der: Uint8Array;

  constructor(der: Uint8Array) {
    super({ schema: parseDerObject(der, 'the TSA certificate') });
    this.der = der;
  }

  override toSchema(): asn1js.Sequence {
    // Only ever encoded (toBER), never walked: RawData stands in for the Sequence it encodes.
    return new EncodedDer({ data: this.der }) as unknown as asn1js.Sequence;
  }
}

export interface IssueTimestampTokenOptions {
  signer: TokenSigner;
  /** Copied from the request as it came (algorithm identifier and hash). */
  messageImprint: pkijs.MessageImprint;
  nonce?: asn1js.Integer;
  /** Include the TSA certificate (the request's certReq). */
  includeCertificate: boolean;
  genTime?: Date;
  /** Unique per token; random 16 bytes by default. */
  serial?: Uint8Array;
}

/** The DER TimeStampToken (ContentInfo). */
export async function issueTimestampToken(o: IssueTimestampTokenOptions): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array((await buildTimestampToken(o)).toSchema().toBER(false));
}

/** The token as pkijs' ContentInfo, for the responder to put into a TimeStampResp without a re-parse. */
export async function buildTimestampToken(o: IssueTimestampTokenOptions): Promise<pkijs.ContentInfo> {
  const crypto = pkijs.getCrypto(true);
  const genTime = o.genTime ?? new Date();
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: o.signer.policy,
    messageImprint: o.messageImprint,
    serialNumber: new asn1js.Integer({ valueHex: o.serial ?? randomSerial() }),
    genTime,
    ...(o.nonce ? { nonce: o.nonce } : {}),
  });
  const tstDer = new Uint8Array(tstInfo.toSchema().toBER(false));
  const digest = await crypto.digest('SHA-256', tstDer);
  const cert = o.signer.certificate;
  const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });
  const encapContentInfo = new pkijs.EncapsulatedContentInfo({ eContentType: OID_TST_INFO });
  // Set after construction: pkijs' constructor turns an eContent into a constructed (BER-only)
  // OCTET STRING; a token is DER, so the TSTInfo stays one primitive OCTET STRING.
  encapContentInfo.eContent = new asn1js.OctetString({ valueHex: tstDer });
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo,
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            attribute(OID_CONTENT_TYPE, new asn1js.ObjectIdentifier({ value: OID_TST_INFO })),
            attribute(OID_SIGNING_TIME, new asn1js.UTCTime({ valueDate: genTime })),
            attribute(OID_MESSAGE_DIGEST, new asn1js.OctetString({ valueHex: digest })),
            attribute(OID_SIGNING_CERTIFICATE_V2, o.signer.essCertIdV2),
          ],
        }),
      }),
    ],
    ...(o.includeCertificate ? { certificates: [cert] } : {}),
  });
  await signedData.sign(o.signer.privateKey, 0, 'SHA-256', undefined, crypto);
  return new pkijs.ContentInfo({ contentType: OID_SIGNED_DATA, content: signedData.toSchema(true) });
}
