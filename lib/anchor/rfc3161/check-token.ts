/**
 * Checks an RFC 3161 time-stamp token over some bytes against pinned TSA roots — in the browser
 * (the exhibit and /verify pages), the CLI and the server alike: no node: imports, WebCrypto
 * through pkijs' engine. Never throws: every failure is a result with a code.
 *
 * Order of checks: parse (TOKEN_MALFORMED); messageImprint = SHA-256(data) (IMPRINT_MISMATCH);
 * nonce when asked (NONCE_MISMATCH); signer certificate, CMS signature, ESS binding, TSA key usage
 * (verifyTokenSignature); the TSA certificate valid at genTime (CERT_NOT_VALID_AT_TIME); a chain
 * to one of the roots, every certificate valid at genTime (UNTRUSTED). Revocation is not checked
 * (no CRL or OCSP is fetched): a court pins the roots of the TSAs it accepts.
 *
 * @see https://www.rfc-editor.org/rfc/rfc3161#section-2.4.2
 * @module
 */
import * as pkijs from 'pkijs';
import { z } from 'zod';
import { parseTimestampToken, TokenMalformedError } from './parse-timestamp-token';
import { certificateName, certificatesFromPem, equalBytes, oidToString } from './tsa-certificate';
import { OID_SHA256 } from './tsp-oids';
import { verifyTokenSignature } from './verify-token-signature';

export interface CheckTimestampTokenOptions {
  /** DER TimeStampToken (a CMS ContentInfo). */
  token: Uint8Array;
  /** The bytes the token is claimed to be over (the checkpoint note's text, UTF-8). */
  data: Uint8Array;
  /** PEM certificates of the TSA roots accepted (a text may hold several). */
  trustedRoots: string[];
  /** More certificates (PEM) for the chain, e.g. an anchor's `certificates`; not trusted by being here. */
  certificates?: string[];
  /** The nonce sent in the request, big-endian as in the INTEGER's content octets. */
  nonce?: Uint8Array;
}

export type TimestampCheckCode =
  | 'BAD_INPUT'
  | 'TOKEN_MALFORMED'
  | 'IMPRINT_MISMATCH'
  | 'NONCE_MISMATCH'
  | 'SIGNER_CERT_MISSING'
  | 'SIGNATURE_INVALID'
  | 'CERT_BINDING_MISMATCH'
  | 'NOT_A_TSA_CERT'
  | 'CERT_NOT_VALID_AT_TIME'
  | 'UNTRUSTED';

export type TimestampCheck =
  | {
      ok: true;
      genTime: Date;
      /** Subject CN (else O) of the TSA certificate. */
      tsa: string;
      /** TSTInfo serialNumber, lowercase hex. */
      serial: string;
      /** TSA policy OID. */
      policy: string;
      hashAlgorithm: 'SHA-256';
    }
  | { ok: false; code: TimestampCheckCode; message: string };

const ZOptions = z.object({
  token: z.instanceof(Uint8Array),
  data: z.instanceof(Uint8Array),
  trustedRoots: z.array(z.string()).min(1, 'at least one trusted root is needed'),
  certificates: z.array(z.string()).optional(),
  nonce: z.instanceof(Uint8Array).optional(),
});

export async function checkTimestampToken(options: CheckTimestampTokenOptions): Promise<TimestampCheck> {
  try {
    return await check(options);
  } catch (e) {
    // Unexpected throws from pkijs on odd input are still an answer, never an exception.
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, code: e instanceof TokenMalformedError ? 'TOKEN_MALFORMED' : 'BAD_INPUT', message };
  }
}

async function check(options: CheckTimestampTokenOptions): Promise<TimestampCheck> {
  const input = ZOptions.safeParse(options);
  if (!input.success) return fail('BAD_INPUT', input.error.issues.map((i) => i.message).join('; '));
  const o = input.data;
  let roots: pkijs.Certificate[];
  let extra: pkijs.Certificate[];
  try {
    roots = certificatesFromPem(o.trustedRoots);
    extra = certificatesFromPem(o.certificates ?? []);
  } catch (e) {
    return fail('BAD_INPUT', `a certificate given is not PEM X.509: ${e instanceof Error ? e.message : String(e)}`);
  }
  const token = parseTimestampToken(o.token);
  const { tstInfo } = token;

  const imprint = tstInfo.messageImprint;
  if (imprint.hashAlgorithm.algorithmId !== OID_SHA256) {
    return fail('IMPRINT_MISMATCH', `the token is over a ${imprint.hashAlgorithm.algorithmId} hash, not SHA-256`);
  }
  const digest = new Uint8Array(await pkijs.getCrypto(true).digest('SHA-256', o.data));
  if (!equalBytes(digest, imprint.hashedMessage.valueBlock.valueHexView)) {
    return fail('IMPRINT_MISMATCH', 'the token is over another SHA-256 hash than that of the data');
  }
  if (o.nonce && !(tstInfo.nonce && equalBytes(tstInfo.nonce.valueBlock.valueHexView, o.nonce))) {
    return fail('NONCE_MISMATCH', "the token's nonce is not the request's");
  }

  const signature = await verifyTokenSignature(token, o.data, extra);
  if (!signature.ok) return signature;
  const { signer } = signature;
  const genTime = tstInfo.genTime;
  if (signer.notBefore.value > genTime || signer.notAfter.value < genTime) {
    return fail(
      'CERT_NOT_VALID_AT_TIME',
      `the TSA certificate is valid from ${signer.notBefore.value.toISOString()} to ` +
        `${signer.notAfter.value.toISOString()}, the token says ${genTime.toISOString()}`,
    );
  }

  const chain = new pkijs.CertificateChainValidationEngine({
    trustedCerts: roots,
    certs: [...token.certificates, ...extra, signer],
    checkDate: genTime,
  });
  const verdict = await chain.verify().catch((e: unknown) => ({
    result: false,
    resultMessage: e instanceof Error ? e.message : String((e as { resultMessage?: string }).resultMessage ?? e),
  }));
  if (!verdict.result) {
    return fail('UNTRUSTED', `the TSA certificate does not chain to a trusted root: ${verdict.resultMessage}`);
  }

  return {
    ok: true,
    genTime,
    tsa: certificateName(signer),
    serial: hex(tstInfo.serialNumber.valueBlock.valueHexView),
    policy: oidToString(tstInfo.policy),
    hashAlgorithm: 'SHA-256',
  };
}

function fail(code: TimestampCheckCode, message: string): TimestampCheck {
  return { ok: false, code, message };
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
