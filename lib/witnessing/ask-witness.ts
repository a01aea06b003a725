import 'server-only';
/**
 * One C2SP tlog-witness request: `POST <url>/add-checkpoint` with `old <size>`, the consistency
 * proof lines, a blank line and the signed checkpoint. The answer is classified, never trusted:
 * what a 200 carries is verified by the caller, and every failure says what happened.
 *
 * @see https://c2sp.org/tlog-witness
 */
import { bytesToBase64 } from '@/lib/tlog';

/** Bodies longer than this are not read (a witness's answer is a few signature lines). */
export const MAX_ANSWER_BYTES = 64 * 1024;

export type WitnessAnswer =
  /** 200: the body (signature lines, still to be verified). */
  | { kind: 'cosigned'; body: string }
  /** 409 with `text/x.tlog.size`: the size the witness holds. */
  | { kind: 'conflict'; size: bigint; body: string }
  /** Any other status (422, 403, 404, 429, 5xx…), or a 409 without a size: status and body. */
  | { kind: 'refused'; status: number; body: string; retryAfter?: number }
  /** No answer: refused connection, timeout, reset, or a body too large. */
  | { kind: 'unreachable'; message: string };

export function addCheckpointBody(oldSize: bigint, proof: readonly Uint8Array[], note: string): string {
  return `old ${oldSize}\n${proof.map((hash) => `${bytesToBase64(hash)}\n`).join('')}\n${note}`;
}

export async function askWitness(url: string, body: string, timeoutMs: number): Promise<WitnessAnswer> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(`${url}/add-checkpoint`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    text = await readLimited(res);
  } catch (error) {
    const name = (error as Error).name;
    const message = name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describeFetchError(error as Error);
    return { kind: 'unreachable', message };
  }
  if (res.status === 200) return { kind: 'cosigned', body: text };
  const type = res.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase();
  if (res.status === 409 && type === 'text/x.tlog.size' && /^(0|[1-9][0-9]{0,19})\n$/.test(text)) {
    return { kind: 'conflict', size: BigInt(text.trimEnd()), body: text };
  }
  const retryAfter = Number(res.headers.get('retry-after'));
  return {
    kind: 'refused',
    status: res.status,
    body: text,
    ...(Number.isInteger(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
  };
}

/**
 * The witness's latest cosigned checkpoint of a log, from its monitoring endpoint
 * (`GET <url>/<hex sha256(origin)>/checkpoint`, tlog-witness SHOULD): evidence for an alarm.
 * Null when it cannot be read.
 */
export async function witnessCheckpoint(url: string, origin: string, timeoutMs: number): Promise<string | null> {
  try {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(origin)));
    const hex = Buffer.from(digest).toString('hex');
    const res = await fetch(`${url}/${hex}/checkpoint`, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    const text = await readLimited(res);
    return res.status === 200 ? text : null;
  } catch {
    return null;
  }
}

async function readLimited(res: Response): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > MAX_ANSWER_BYTES) {
    await res.body?.cancel();
    throw new Error(`the answer is larger than ${MAX_ANSWER_BYTES} bytes`);
  }
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new Error(`the answer is larger than ${MAX_ANSWER_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

function describeFetchError(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ? `${cause.code}${cause.message ? ` (${cause.message})` : ''}` : error.message;
}
