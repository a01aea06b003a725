/**
 * The built-in responder over real HTTP on 127.0.0.1 (port 0): tokens that openssl verifies
 * (`openssl ts -verify`: exit 0 for the data, 1 for changed data), openssl's own queries answered,
 * the authority kept across restarts, unique serials under concurrency, and the HTTP and RFC 3161
 * refusals (405, 415, 413, 400; rejection status for SHA-1).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { afterEach, describe, expect, it } from 'vitest';
import { requireTools } from '@/test/required-tools';
import { checkTimestampToken } from './check-token';
import { openDemoAuthority } from './open-demo-authority';
import { requestTimestamp } from './request-timestamp';
import { startTimestampResponder, type TimestampResponder } from './responder';
import { openssl, tempDir, utf8 } from './rfc3161.testing';

const running: TimestampResponder[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});
async function start(dir?: string): Promise<TimestampResponder> {
  const r = await startTimestampResponder({ dir: dir ?? (await tempDir()) });
  running.push(r);
  return r;
}
const post = (url: string, body: Uint8Array<ArrayBuffer>, type = 'application/timestamp-query') =>
  fetch(url, { method: 'POST', headers: { 'content-type': type }, body });

const checkpoint = utf8(
  'verity.example/log\n7\nFhGlj2nsnJ5bnVjoAJrdvl7UF1VfHlyGUkN4n8wcnqk=\n\n— verity.example/log xyz\n',
);
const hasOpenssl = requireTools('openssl', ['openssl']);

describe.runIf(hasOpenssl)('the responder and openssl', () => {
  it('issues a token that `openssl ts -verify` accepts for the data (exit 0) and refuses for changed data (exit 1)', async () => {
    const dir = await tempDir();
    const r = await start(dir);
    const ts = await requestTimestamp({ urls: [r.url], data: checkpoint, trustedRoots: [r.rootPem] });
    const work = await tempDir();
    await writeFile(path.join(work, 'token.der'), ts.token);
    await writeFile(path.join(work, 'checkpoint.txt'), checkpoint);
    await writeFile(path.join(work, 'changed.txt'), utf8('verity.example/log\n8\n'));
    const verify = (file: string) =>
      openssl(
        [
          'ts',
          '-verify',
          '-data',
          file,
          '-in',
          'token.der',
          '-token_in',
          '-CAfile',
          path.join(dir, 'root.pem'),
          '-untrusted',
          path.join(dir, 'tsa.pem'),
        ],
        work,
      );
    const good = await verify('checkpoint.txt');
    expect(good.stdout + good.stderr).toContain('Verification: OK');
    expect(good.code).toBe(0);
    const bad = await verify('changed.txt');
    expect(bad.stdout + bad.stderr).toContain('message imprint mismatch');
    expect(bad.code).toBe(1);
  });

  it('answers a query made by `openssl ts -query`, and openssl verifies the reply against that query', async () => {
    const dir = await tempDir();
    const r = await start(dir);
    const work = await tempDir();
    await writeFile(path.join(work, 'data'), checkpoint);
    expect((await openssl(['ts', '-query', '-data', 'data', '-sha256', '-cert', '-out', 'q.tsq'], work)).code).toBe(0);
    const res = await post(r.url, new Uint8Array(await readFile(path.join(work, 'q.tsq'))));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/timestamp-reply');
    await writeFile(path.join(work, 'r.tsr'), new Uint8Array(await res.arrayBuffer()));
    const run = await openssl(
      ['ts', '-verify', '-queryfile', 'q.tsq', '-in', 'r.tsr', '-CAfile', path.join(dir, 'root.pem')],
      work,
    );
    expect(run.code, run.stderr).toBe(0);
  });

  it('answers an openssl SHA-1 query with a rejection (badAlg), as RFC 3161 wants, with HTTP 200', async () => {
    const r = await start();
    const work = await tempDir();
    await writeFile(path.join(work, 'data'), checkpoint);
    expect((await openssl(['ts', '-query', '-data', 'data', '-sha1', '-out', 'q.tsq'], work)).code).toBe(0);
    const res = await post(r.url, new Uint8Array(await readFile(path.join(work, 'q.tsq'))));
    expect(res.status).toBe(200);
    const resp = pkijs.TimeStampResp.fromBER(await res.arrayBuffer());
    expect(resp.status.status).toBe(pkijs.PKIStatus.rejection);
    expect(resp.timeStampToken).toBeUndefined();
    expect(resp.status.statusStrings?.[0]?.valueBlock.value).toMatch(/not accepted/);
    // badAlg is bit 0 of PKIFailureInfo
    expect(resp.status.failInfo?.valueBlock.valueHexView[0]).toBe(0x80);
  });
});

describe('the responder', () => {
  it('keeps its authority in the folder: a restart signs with the same certificate, earlier tokens still check', async () => {
    const dir = await tempDir();
    const first = await start(dir);
    const early = await requestTimestamp({ urls: [first.url], data: checkpoint });
    await first.stop();
    running.splice(running.indexOf(first), 1);
    const second = await start(dir);
    expect(second.rootPem).toBe(first.rootPem);
    expect(second.tsaPem).toBe(first.tsaPem);
    expect(
      await checkTimestampToken({ token: early.token, data: checkpoint, trustedRoots: [second.rootPem] }),
    ).toMatchObject({
      ok: true,
    });
    const later = await requestTimestamp({ urls: [second.url], data: checkpoint, trustedRoots: [first.rootPem] });
    expect(later.certificates).toEqual([first.tsaPem, first.rootPem]);
  });

  it('two starts on an empty folder at once agree on one authority', async () => {
    const dir = await tempDir();
    const [a, b] = await Promise.all([openDemoAuthority(dir), openDemoAuthority(dir)]);
    expect(a).toEqual(b);
    expect(await readFile(path.join(dir, 'root.pem'), 'utf8')).toBe(a.rootPem);
  });

  it('gives every token its own serial number under concurrent requests', async () => {
    const r = await start();
    const tokens = await Promise.all(
      Array.from({ length: 64 }, (_, i) => requestTimestamp({ urls: [r.url], data: utf8(`checkpoint ${i}`) })),
    );
    const serials = await Promise.all(
      tokens.map(async (t, i) => {
        const c = await checkTimestampToken({
          token: t.token,
          data: utf8(`checkpoint ${i}`),
          trustedRoots: [r.rootPem],
        });
        if (!c.ok) throw new Error(c.message);
        return c.serial;
      }),
    );
    expect(new Set(serials).size).toBe(64);
  });

  it('refuses other methods (405), other media types (415), garbage (400) and oversized bodies (413)', async () => {
    const r = await start();
    const get = await fetch(r.url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await post(r.url, utf8('x'), 'application/octet-stream')).status).toBe(415);
    expect((await post(r.url, utf8('not a request'))).status).toBe(400);
    expect((await post(r.url, new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).status).toBe(400);
    expect((await post(r.url, new Uint8Array(17 * 1024))).status).toBe(413);
    // Still serving after all that.
    expect(await requestTimestamp({ urls: [r.url], data: checkpoint, trustedRoots: [r.rootPem] })).toMatchObject({
      url: r.url,
    });
  });
});
