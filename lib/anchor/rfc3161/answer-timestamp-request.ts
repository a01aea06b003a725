/**
 * The responder's decision for one TimeStampReq (RFC 3161 §2.4.1 → §2.4.2): a granted
 * TimeStampResp with a token, or a rejection with the PKIFailureInfo the RFC names — badAlg for a
 * hash other than SHA-256/384/512, badDataFormat for an imprint of the wrong length,
 * unacceptedPolicy, unacceptedExtension, badRequest for another version. Bytes that are not a
 * TimeStampReq at all are a `RequestMalformedError` (the HTTP layer answers 400). No node: imports.
 *
 * @see https://www.rfc-editor.org/rfc/rfc3161#section-2.4
 * @module
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { buildTimestampToken, type IssueTimestampTokenOptions, type TokenSigner } from './issue-token';
import { parseDerObject } from './parse-timestamp-token';
import { oidToString } from './tsa-certificate';
import { IMPRINT_HASHES } from './tsp-oids';

export class RequestMalformedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestMalformedError';
  }
}

/** PKIFailureInfo bit numbers (RFC 3161 §2.4.2). */
const FAILURE = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
} as const;

export interface AnswerTimestampRequestOptions {
  request: Uint8Array;
  signer: TokenSigner;
  genTime?: Date;
  serial?: IssueTimestampTokenOptions['serial'];
}

export interface TimestampAnswer {
  /** DER TimeStampResp. */
  response: Uint8Array;
  granted: boolean;
}

export async function answerTimestampRequest(o: AnswerTimestampRequestOptions): Promise<TimestampAnswer> {
  let req: pkijs.TimeStampReq;
  try {
    req = new pkijs.TimeStampReq({ schema: parseDerObject(o.request, 'the request') });
  } catch (e) {
    throw new RequestMalformedError(`not a TimeStampReq: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (req.version !== 1) return reject('badRequest', `TimeStampReq version ${req.version}, expected 1`);
  const hash = IMPRINT_HASHES.get(req.messageImprint.hashAlgorithm.algorithmId);
  if (!hash) {
    return reject(
      'badAlg',
      `hash algorithm ${req.messageImprint.hashAlgorithm.algorithmId} is not accepted (SHA-256, SHA-384, SHA-512)`,
    );
  }
  if (req.messageImprint.hashedMessage.valueBlock.valueHexView.byteLength !== hash.length) {
    return reject('badDataFormat', `a ${hash.name} imprint has ${hash.length} bytes`);
  }
  if (req.reqPolicy !== undefined && oidToString(req.reqPolicy) !== o.signer.policy) {
    return reject('unacceptedPolicy', `this TSA issues under policy ${o.signer.policy} only`);
  }
  if (req.extensions && req.extensions.length > 0) {
    return reject('unacceptedExtension', 'this TSA accepts no request extensions');
  }
  const token = await buildTimestampToken({
    signer: o.signer,
    messageImprint: req.messageImprint,
    includeCertificate: req.certReq === true,
    ...(req.nonce ? { nonce: req.nonce } : {}),
    ...(o.genTime ? { genTime: o.genTime } : {}),
    ...(o.serial ? { serial: o.serial } : {}),
  });
  const resp = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }),
    timeStampToken: token,
  });
  return { response: new Uint8Array(resp.toSchema().toBER(false)), granted: true };
}

function reject(failure: keyof typeof FAILURE, text: string): TimestampAnswer {
  const bit = FAILURE[failure];
  const bytes = new Uint8Array(Math.floor(bit / 8) + 1);
  bytes[Math.floor(bit / 8)] = 0x80 >> (bit % 8);
  const resp = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({
      status: pkijs.PKIStatus.rejection,
      statusStrings: [new asn1js.Utf8String({ value: text })],
      // DER: no trailing unused bits beyond the last one set (X.690 §11.2.2).
      failInfo: new asn1js.BitString({ valueHex: bytes, unusedBits: 7 - (bit % 8) }),
    }),
  });
  return { response: new Uint8Array(resp.toSchema().toBER(false)), granted: false };
}
