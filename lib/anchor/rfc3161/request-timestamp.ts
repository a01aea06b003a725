/**
 * Asks the configured TSAs, in order, for an RFC 3161 token over SHA-256 of `data` and returns the
 * first good one: a TimeStampReq (SHA-256 imprint, a random 64-bit nonce, certReq) POSTed as
 * `application/timestamp-query` (RFC 3161 §3.4); the answer must be a granted TimeStampResp whose
 * token is over this data, carries this nonce, is signed by a TSA certificate — and, when roots are
 * pinned, passes checkTimestampToken. Any failure moves on to the next URL; when none is left a
 * TimestampError lists every attempt.
 *
 * @see https://www.rfc-editor.org/rfc/rfc3161#section-2.4.1
 * @module
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { z } from 'zod';
import { checkTimestampToken } from './check-token';
import { parseDerObject, parseTimestampToken } from './parse-timestamp-token';
import { type TimestampAttempt, TimestampError } from './timestamp-error';
import {
  certificateName,
  certificatesFromPem,
  certificateToPem,
  chainToRoot,
  equalBytes,
  findSignerCertificate,
} from './tsa-certificate';
import { OID_SHA256 } from './tsp-oids';
import { verifyTokenSignature } from './verify-token-signature';

export interface RequestTimestampOptions {
  /** TSA URLs, tried in this order (VERITY_TSA_URLS). */
  urls: string[];
  /** The bytes to time-stamp (the checkpoint note's text, UTF-8). */
  data: Uint8Array;
  /** Pinned TSA roots (PEM); without them the token's signature is checked but not whom it chains to. */
  trustedRoots?: string[];
  /** Per URL, the whole exchange; default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface Timestamp {
  url: string;
  /** DER TimeStampToken. */
  token: Uint8Array;
  genTime: Date;
  tsa: string;
  /** The TSA's chain as PEM, its certificate first, the root last (when known). */
  certificates: string[];
}

const ZOptions = z.object({
  urls: z.array(z.url({ protocol: /^https?$/ })).min(1, 'at least one TSA URL is needed'),
  data: z.instanceof(Uint8Array),
  trustedRoots: z.array(z.string()).optional(),
  timeoutMs: z.number().int().positive().default(10_000),
  fetch: z.custom<typeof fetch>((f) => typeof f === 'function').optional(),
});

const MAX_RESPONSE_BYTES = 1024 * 1024;

type Failure = Omit<TimestampAttempt, 'url'>;

export async function requestTimestamp(options: RequestTimestampOptions): Promise<Timestamp> {
  const parsed = ZOptions.safeParse(options);
  if (!parsed.success) {
    throw new TimestampError(
      'BAD_OPTIONS',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  const o = parsed.data;
  const roots = o.trustedRoots?.length ? o.trustedRoots : undefined;
  const imprint = new Uint8Array(await crypto.subtle.digest('SHA-256', o.data));
  const attempts: TimestampAttempt[] = [];
  for (const url of o.urls) {
    const result = await attempt(url, { ...o, roots, imprint, fetch: o.fetch ?? fetch });
    if ('token' in result) return result;
    attempts.push({ url, ...result });
  }
  const last = attempts[attempts.length - 1] as TimestampAttempt;
  const summary = attempts.map((a) => `${a.url}: ${a.code} (${a.message})`).join('; ');
  throw new TimestampError(last.code, `no TSA gave a usable time-stamp — ${summary}`, attempts);
}

interface AttemptContext {
  data: Uint8Array;
  imprint: Uint8Array;
  roots: string[] | undefined;
  timeoutMs: number;
  fetch: typeof fetch;
}

async function attempt(url: string, c: AttemptContext): Promise<Timestamp | Failure> {
  const nonce = crypto.getRandomValues(new Uint8Array(8));
  nonce[0] = ((nonce[0] ?? 0) & 0x7f) | 0x01; // positive, minimal INTEGER content octets
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256, algorithmParams: new asn1js.Null() }),
      hashedMessage: new asn1js.OctetString({ valueHex: c.imprint }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  let body: Uint8Array;
  try {
    const res = await c.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: new Uint8Array(request.toSchema().toBER(false)),
      signal: AbortSignal.timeout(c.timeoutMs),
      redirect: 'error',
    });
    if (!res.ok) {
      await res.body?.cancel();
      return { code: 'TSA_HTTP_ERROR', message: `HTTP ${res.status} ${res.statusText}`.trim() };
    }
    body = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    const why =
      e instanceof Error ? (e.name === 'TimeoutError' ? `no answer within ${c.timeoutMs} ms` : e.message) : String(e);
    return { code: 'TSA_UNREACHABLE', message: why };
  }
  if (body.byteLength > MAX_RESPONSE_BYTES) return { code: 'TSA_GARBAGE', message: 'the answer is over 1 MiB' };

  let resp: pkijs.TimeStampResp;
  let tokenDer: Uint8Array;
  try {
    const schema = parseDerObject(body, 'the answer');
    resp = new pkijs.TimeStampResp({ schema });
    const status = resp.status.status;
    if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) {
      const text = (resp.status.statusStrings ?? []).map((s) => s.valueBlock.value).join(' ');
      return { code: 'TSA_REFUSED', message: `status ${pkijs.PKIStatus[status] ?? status}${text ? `: ${text}` : ''}` };
    }
    // The token's own bytes, not a re-encoding: its signature is over what the TSA sent.
    const token = (schema as asn1js.Sequence).valueBlock.value[1];
    if (!token) return { code: 'TSA_GARBAGE', message: 'a granted answer without a token' };
    tokenDer = new Uint8Array(token.valueBeforeDecodeView);
  } catch (e) {
    return { code: 'TSA_GARBAGE', message: `not a TimeStampResp: ${e instanceof Error ? e.message : String(e)}` };
  }
  return judgeToken(url, tokenDer, nonce, c);
}

async function judgeToken(
  url: string,
  der: Uint8Array,
  nonce: Uint8Array,
  c: AttemptContext,
): Promise<Timestamp | Failure> {
  let token: ReturnType<typeof parseTimestampToken>;
  try {
    token = parseTimestampToken(der);
  } catch (e) {
    return { code: 'TSA_GARBAGE', message: `the token does not parse: ${e instanceof Error ? e.message : String(e)}` };
  }
  const mi = token.tstInfo.messageImprint;
  if (mi.hashAlgorithm.algorithmId !== OID_SHA256 || !equalBytes(mi.hashedMessage.valueBlock.valueHexView, c.imprint)) {
    return { code: 'TSA_WRONG_IMPRINT', message: 'the token is over another hash than the one sent' };
  }
  if (!token.tstInfo.nonce || !equalBytes(token.tstInfo.nonce.valueBlock.valueHexView, nonce)) {
    return { code: 'TSA_WRONG_NONCE', message: "the token does not carry the request's nonce" };
  }
  const rootCerts = c.roots ? certificatesFromPem(c.roots) : [];
  let signer: pkijs.Certificate | null;
  if (c.roots) {
    const check = await checkTimestampToken({ token: der, data: c.data, trustedRoots: c.roots, nonce });
    if (!check.ok) return { code: 'TSA_UNTRUSTED', message: `${check.code}: ${check.message}` };
    signer = await findSignerCertificate(token.signerInfo, token.certificates);
    if (!signer) return { code: 'TSA_GARBAGE', message: 'the token does not carry its TSA certificate' };
  } else {
    const signature = await verifyTokenSignature(token, c.data);
    if (!signature.ok) return { code: 'TSA_BAD_SIGNATURE', message: `${signature.code}: ${signature.message}` };
    signer = signature.signer;
  }
  const chain = chainToRoot(signer, [...token.certificates, ...rootCerts]);
  return {
    url,
    token: der,
    genTime: token.tstInfo.genTime,
    tsa: certificateName(signer),
    certificates: chain.map(certificateToPem),
  };
}
