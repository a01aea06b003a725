/**
 * The offline checker's one optional network step (`--online <base>`): asks the court portal
 * whether the certificate still stands, at `<base>/api/v1/certificates/{id}/status`. A revoked or
 * unknown certificate fails, with the clerk's reason and time; so does an answer that cannot be
 * read, or one about another certificate (another number or signing key).
 *
 * @module
 */
import { z } from 'zod';
import type { CertificateFile } from '@/lib/certificates/format/certificate-body';
import type { Fetch } from '../command';

export interface OnlineStatusResult {
  ok: boolean;
  message: string;
  /** The URL asked. */
  url: string;
}

const ZStatus = z.object({
  state: z.enum(['valid', 'revoked', 'unknown']),
  certificate: z.object({ number: z.string(), keyId: z.string() }).partial().optional(),
  revocation: z.object({ reason: z.string(), at: z.string(), by: z.string() }).optional(),
});

const TIMEOUT_MS = 15_000;

/** The status URL under `base` (which may have a path, e.g. https://court.example/verity/). */
export function statusUrl(base: string, id: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return new URL(`api/v1/certificates/${encodeURIComponent(id)}/status`, root).toString();
}

/** "2026-11-27 12:00:00 Beijing time (2026-11-27T04:00:00.000Z)"; the text as given if not a time. */
export function courtTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return `${local} Beijing time (${date.toISOString()})`;
}

export async function checkOnlineStatus(
  file: CertificateFile,
  base: string,
  fetchImpl: Fetch,
): Promise<OnlineStatusResult> {
  const { id, number } = file.body;
  const url = statusUrl(base, id);
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : error;
    return { ok: false, url, message: `could not ask ${url}: ${String(reason)}; the revocation status is unknown` };
  }
  let parsed: z.infer<typeof ZStatus> | null = null;
  try {
    const result = ZStatus.safeParse(await response.json());
    if (result.success) parsed = result.data;
  } catch {
    parsed = null;
  }
  if (response.status === 404 || parsed?.state === 'unknown') {
    return {
      ok: false,
      url,
      message: `${base} knows no certificate with ID ${id}: it was not issued by that court (or the address is wrong)`,
    };
  }
  if (!response.ok || !parsed) {
    return { ok: false, url, message: `${url} answered HTTP ${response.status}, not a certificate status` };
  }
  const stated = parsed.certificate;
  if (stated?.number !== undefined && stated.number !== number) {
    return { ok: false, url, message: `${url} describes certificate ${stated.number}, not ${number}` };
  }
  if (stated?.keyId !== undefined && stated.keyId !== file.signature.keyId) {
    return {
      ok: false,
      url,
      message: `the court filed certificate ${number} signed with key ${stated.keyId}, not with ${file.signature.keyId}`,
    };
  }
  if (parsed.state === 'revoked') {
    const r = parsed.revocation;
    const detail = r ? ` on ${courtTime(r.at)} by ${r.by}. Reason: ${r.reason}` : ' (no reason given)';
    return { ok: false, url, message: `REVOKED: the court revoked certificate ${number}${detail}` };
  }
  return { ok: true, url, message: `not revoked: ${base} says certificate ${number} is valid` };
}
