/**
 * PEM (RFC 7468) to DER and back, without node:buffer so that the token checker runs in the
 * browser too. Certificates are PEM at the edges (configuration, the anchors' JSON) and DER
 * everywhere inside.
 *
 * @see https://www.rfc-editor.org/rfc/rfc7468
 * @module
 */

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunked: String.fromCharCode with a whole certificate as arguments overflows the stack on large inputs.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Strict base64 (RFC 4648 §4, padding required); throws on anything else. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) {
    throw new Error('not base64 (RFC 4648 §4 with padding)');
  }
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function derToPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const lines = bytesToBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Every `label` block of a PEM text (a file may hold a whole chain); throws when there is none. */
export function pemBlocksToDer(pem: string, label = 'CERTIFICATE'): Uint8Array<ArrayBuffer>[] {
  const blocks: Uint8Array<ArrayBuffer>[] = [];
  for (const m of pem.matchAll(PEM_BLOCK)) {
    if (m[1] !== label) continue;
    blocks.push(base64ToBytes((m[2] ?? '').replace(/\s+/g, '')));
  }
  if (blocks.length === 0) throw new Error(`no "-----BEGIN ${label}-----" block in the PEM text`);
  return blocks;
}
