/**
 * A DER TimeStampToken (RFC 3161 §2.4.2: a CMS ContentInfo holding SignedData whose content is a
 * TSTInfo) parsed by pkijs, strictly: one complete DER object and nothing after it, SignedData,
 * eContentType id-ct-TSTInfo, exactly one signer. Browser-safe (no node: imports).
 *
 * @see https://www.rfc-editor.org/rfc/rfc3161#section-2.4.2
 * @module
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID_SIGNED_DATA, OID_TST_INFO } from './tsp-oids';

export interface ParsedTimestampToken {
  /** The token's bytes as given (signatures are checked on a fresh parse of these, not a re-encoding). */
  der: Uint8Array;
  contentInfo: pkijs.ContentInfo;
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  tstInfo: pkijs.TSTInfo;
  /** The certificates the token carries (certReq), in its order. */
  certificates: pkijs.Certificate[];
}

export class TokenMalformedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenMalformedError';
  }
}

/** Parses one whole DER object; pkijs' own `fromBER` would ignore bytes after it. */
export function parseDerObject(der: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || parsed.result.error) {
    throw new TokenMalformedError(`${what} is not DER: ${parsed.result.error || 'cannot decode'}`);
  }
  if (parsed.offset !== der.byteLength) {
    throw new TokenMalformedError(`${what} has ${der.byteLength - parsed.offset} bytes after its end`);
  }
  return parsed.result;
}

export function parseTimestampToken(der: Uint8Array): ParsedTimestampToken {
  const schema = parseDerObject(der, 'the time-stamp token');
  try {
    const contentInfo = new pkijs.ContentInfo({ schema });
    return { der, ...fromContentInfo(contentInfo) };
  } catch (e) {
    if (e instanceof TokenMalformedError) throw e;
    throw new TokenMalformedError(`the time-stamp token is not a CMS ContentInfo: ${message(e)}`);
  }
}

function fromContentInfo(contentInfo: pkijs.ContentInfo): Omit<ParsedTimestampToken, 'der'> {
  if (contentInfo.contentType !== OID_SIGNED_DATA) {
    throw new TokenMalformedError(`the token's content type is ${contentInfo.contentType}, not SignedData`);
  }
  let signedData: pkijs.SignedData;
  try {
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (e) {
    throw new TokenMalformedError(`the token's SignedData does not parse: ${message(e)}`);
  }
  const { eContentType, eContent } = signedData.encapContentInfo;
  if (eContentType !== OID_TST_INFO) {
    throw new TokenMalformedError(`the token signs ${eContentType}, not a TSTInfo`);
  }
  if (!eContent) throw new TokenMalformedError('the token has no TSTInfo (detached content)');
  const [signerInfo, ...more] = signedData.signerInfos;
  if (!signerInfo || more.length > 0) {
    throw new TokenMalformedError(`a token has exactly one signer, this one ${signedData.signerInfos.length}`);
  }
  let tstInfo: pkijs.TSTInfo;
  try {
    tstInfo = new pkijs.TSTInfo({ schema: parseDerObject(new Uint8Array(eContent.getValue()), 'the TSTInfo') });
  } catch (e) {
    if (e instanceof TokenMalformedError) throw e;
    throw new TokenMalformedError(`the token's TSTInfo does not parse: ${message(e)}`);
  }
  if (tstInfo.version !== 1) throw new TokenMalformedError(`TSTInfo version ${tstInfo.version}, expected 1`);
  const certificates = (signedData.certificates ?? []).filter((c) => c instanceof pkijs.Certificate);
  return { contentInfo, signedData, signerInfo, tstInfo, certificates };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
