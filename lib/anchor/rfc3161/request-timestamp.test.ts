/**
 * requestTimestamp against real HTTP servers on 127.0.0.1: the built-in responder, and servers
 * that fail in each way a TSA can — down, hanging, HTTP 500, garbage, a rejection, a token over
 * another hash, a replayed token (another nonce), a token altered in transit, a TSA under another
 * root. It moves on to the next URL after each, and when none is left says what each one did.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAuthority } from './demo-authority';
import { requestTimestamp } from './request-timestamp';
import { startTimestampResponder, type TimestampResponder } from './responder';
import { sha256Imprint, tempDir, utf8 } from './rfc3161.testing';
import { TimestampError } from './timestamp-error';

const data = utf8('verity.example/log\n9\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n\n— verity.example/log k\n');
const servers: Server[] = [];
let tsa: TimestampResponder;

async function serve(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** The responder's answer to a TimeStampReq for `bytes` with `nonce`, as bytes. */
async function answerFor(bytes: Uint8Array, o: { nonce?: number; hash?: string } = {}): Promise<Uint8Array> {
  const imprint = await sha256Imprint(bytes);
  if (o.hash) imprint.hashAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: o.hash });
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: imprint,
    certReq: true,
    ...(o.nonce !== undefined ? { nonce: new asn1js.Integer({ value: o.nonce }) } : {}),
  });
  const res = await fetch(tsa.url, {
    method: 'POST',
    headers: { 'content-type': 'application/timestamp-query' },
    body: new Uint8Array(req.toSchema().toBER()),
  });
  return new Uint8Array(await res.arrayBuffer());
}

const fixed =
  (body: Uint8Array | string, status = 200): RequestListener =>
  (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/timestamp-reply' });
      res.end(body);
    });
  };

const urls: Record<string, string> = {};
beforeAll(async () => {
  tsa = await startTimestampResponder({ dir: await tempDir() });
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  urls.down = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  urls.hanging = await serve(() => {});
  urls.error500 = await serve(fixed('internal error', 500));
  urls.garbage = await serve(fixed('<html>not a time-stamp</html>'));
  // SHA-1 (1.3.14.3.2.26): the responder rejects it; its rejection is replayed to every request.
  urls.refusing = await serve(fixed(await answerFor(data, { hash: '1.3.14.3.2.26' })));
  urls.otherHash = await serve(fixed(await answerFor(utf8('another checkpoint'), { nonce: 7 })));
  urls.replaying = await serve(fixed(await answerFor(data, { nonce: 7 })));
  // Relays to the responder and flips the answer's last byte: the last byte of the token's signature.
  urls.tampering = await serve((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const answer = await fetch(tsa.url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query' },
        body: Buffer.concat(chunks),
      });
      const bytes = new Uint8Array(await answer.arrayBuffer());
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
      res.writeHead(200, { 'content-type': 'application/timestamp-reply' });
      res.end(bytes);
    });
  });
});
afterAll(async () => {
  await tsa.stop();
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('requestTimestamp', () => {
  it('returns a checked token from the responder with the chain as PEM, TSA first, root last', async () => {
    const ts = await requestTimestamp({ urls: [tsa.url], data, trustedRoots: [tsa.rootPem] });
    expect(ts.url).toBe(tsa.url);
    expect(ts.tsa).toBe('Verity Demo TSA — demo only');
    expect(ts.certificates).toEqual([tsa.tsaPem, tsa.rootPem]);
    expect(Math.abs(ts.genTime.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('moves on past a TSA that is down, answers 500 or garbage, and uses the next that answers well', async () => {
    const ts = await requestTimestamp({
      urls: [urls.down, urls.error500, urls.garbage, tsa.url] as string[],
      data,
      trustedRoots: [tsa.rootPem],
    });
    expect(ts.url).toBe(tsa.url);
  });

  it('fails when every TSA fails, listing each attempt in order with what went wrong', async () => {
    const order = ['down', 'hanging', 'error500', 'garbage', 'refusing', 'otherHash', 'replaying', 'tampering'];
    const error = await requestTimestamp({ urls: order.map((k) => urls[k] as string), data, timeoutMs: 500 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimestampError);
    const e = error as TimestampError;
    expect(e.attempts.map((a) => [a.url, a.code])).toEqual([
      [urls.down, 'TSA_UNREACHABLE'],
      [urls.hanging, 'TSA_UNREACHABLE'],
      [urls.error500, 'TSA_HTTP_ERROR'],
      [urls.garbage, 'TSA_GARBAGE'],
      [urls.refusing, 'TSA_REFUSED'],
      [urls.otherHash, 'TSA_WRONG_IMPRINT'],
      [urls.replaying, 'TSA_WRONG_NONCE'],
      [urls.tampering, 'TSA_BAD_SIGNATURE'],
    ]);
    expect(e.code).toBe('TSA_BAD_SIGNATURE');
    expect(e.attempts[1]?.message).toBe('no answer within 500 ms');
    expect(e.attempts[2]?.message).toBe('HTTP 500 Internal Server Error');
    expect(e.attempts[4]?.message).toMatch(/^status rejection: hash algorithm 1\.3\.14\.3\.2\.26 is not accepted/);
    for (const k of order) expect(e.message).toContain(urls[k]);
  });

  it('refuses a good token from a TSA under another root than the pinned one, then takes the next', async () => {
    const other = await startTimestampResponder({ dir: await tempDir() });
    try {
      const ts = await requestTimestamp({ urls: [other.url, tsa.url], data, trustedRoots: [tsa.rootPem] }).catch(
        (e: unknown) => e,
      );
      expect(ts).toMatchObject({ url: tsa.url });
      const error = await requestTimestamp({ urls: [other.url], data, trustedRoots: [tsa.rootPem] }).catch((e) => e);
      expect(error).toMatchObject({ code: 'TSA_UNTRUSTED', attempts: [{ url: other.url, code: 'TSA_UNTRUSTED' }] });
      expect((error as TimestampError).attempts[0]?.message).toMatch(/^UNTRUSTED: /);
    } finally {
      await other.stop();
    }
  });

  it('refuses bad options before asking anyone (BAD_OPTIONS)', async () => {
    const root = (await createDemoAuthority()).rootPem;
    for (const options of [
      { urls: [], data },
      { urls: ['ftp://tsa.example/'], data },
      { urls: [tsa.url], data: 'text' as unknown as Uint8Array },
      { urls: [tsa.url], data, trustedRoots: [root], timeoutMs: -1 },
    ]) {
      await expect(requestTimestamp(options)).rejects.toMatchObject({ code: 'BAD_OPTIONS', attempts: [] });
    }
  });
});
