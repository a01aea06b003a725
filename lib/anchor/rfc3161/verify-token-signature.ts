/**
 * The token's own integrity, before any question of trust: which certificate signed it (from the
 * token or the caller's extra certificates), the CMS signature over the signed attributes and
 * their message digest over the TSTInfo (pkijs SignedData.verify), the ESS binding to that
 * certificate, and that it is a TSA certificate. Used by checkTimestampToken and by
 * requestTimestamp when no roots are pinned. Browser-safe.
 *
 * @see https://www.rfc-editor.org/rfc/rfc5652#section-5.6 (signature verification)
 * @module
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { signingCertificateProblem } from './ess-signing-certificate';
import type { ParsedTimestampToken } from './parse-timestamp-token';
import { findSignerCertificate, timeStampingProblem } from './tsa-certificate';

export type TokenSignatureResult =
  | { ok: true; signer: pkijs.Certificate }
  | {
      ok: false;
      code: 'SIGNER_CERT_MISSING' | 'SIGNATURE_INVALID' | 'CERT_BINDING_MISMATCH' | 'NOT_A_TSA_CERT';
      message: string;
    };

/**
 * `data` is what the token is over: pkijs checks the TSTInfo's imprint against it once more.
 * `token.signedData` keeps its certificates; its eContent may be made primitive (same value).
 */
export async function verifyTokenSignature(
  token: ParsedTimestampToken,
  data: Uint8Array,
  extraCertificates: readonly pkijs.Certificate[] = [],
): Promise<TokenSignatureResult> {
  const pool = [...token.certificates, ...extraCertificates];
  const signer = await findSignerCertificate(token.signerInfo, pool);
  if (!signer) {
    return {
      ok: false,
      code: 'SIGNER_CERT_MISSING',
      message: 'the certificate that signed the token is neither in the token nor among the certificates given',
    };
  }
  // pkijs verifies against the certificates of the SignedData: for the call, those are the signer
  // found above alone. The eContent is made one primitive OCTET STRING: pkijs reads a TSTInfo from
  // the primitive form only, and BER allows a constructed one (the value, hence the digest, is the same).
  const { signedData } = token;
  const carried = signedData.certificates;
  signedData.certificates = [signer];
  const eContent = signedData.encapContentInfo.eContent;
  if (eContent) signedData.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: eContent.getValue() });
  let verified = false;
  try {
    // checkChain stays off: trust is the caller's step, with its own roots, at genTime.
    const result = await signedData.verify({
      signer: 0,
      checkChain: false,
      extendedMode: true,
      data: data.slice().buffer,
    });
    verified = result.signatureVerified === true;
  } catch (e) {
    const why = e instanceof pkijs.SignedDataVerifyError ? e.message : e instanceof Error ? e.message : String(e);
    return { ok: false, code: 'SIGNATURE_INVALID', message: `the token's signature does not verify: ${why}` };
  } finally {
    signedData.certificates = carried;
  }
  if (!verified) {
    return { ok: false, code: 'SIGNATURE_INVALID', message: "the token's signature does not verify" };
  }
  let binding: string | null;
  try {
    binding = await signingCertificateProblem(token.signerInfo, signer);
  } catch (e) {
    binding = `the signing-certificate attribute is malformed: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (binding) return { ok: false, code: 'CERT_BINDING_MISMATCH', message: binding };
  const eku = timeStampingProblem(signer);
  if (eku) return { ok: false, code: 'NOT_A_TSA_CERT', message: eku };
  return { ok: true, signer };
}
