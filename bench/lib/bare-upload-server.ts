/**
 * The reference of bench/upload-throughput.ts: a bare `node:http` server in its own process that
 * takes the same PATCHes (Upload-Offset, 8 MiB bodies), hashes each body with SHA-256 and SM3
 * (node:crypto, kept per upload between requests) and writes it into the upload's file with a
 * plain fs write stream — no authentication, no database, no checks. With `fsync`, each PATCH's
 * file is also fsync'd before the answer, as the portal does. The last PATCH (Upload-Offset +
 * body = X-Bench-Size) is answered with both digests, which the benchmark checks.
 */
import { spawn } from 'node:child_process';

const SERVER = `
const http = require('node:http');
const fs = require('node:fs');
const crypto = require('node:crypto');
const path = require('node:path');
const [dir, fsyncEach] = process.argv.slice(1);
const hashes = new Map();
const server = http.createServer((req, res) => {
  const id = path.basename(req.url);
  const offset = Number(req.headers['upload-offset']);
  const size = Number(req.headers['x-bench-size']);
  if (offset === 0) hashes.set(id, { sha256: crypto.createHash('sha256'), sm3: crypto.createHash('sm3'), bytes: 0 });
  const h = hashes.get(id);
  const fd = fs.openSync(path.join(dir, id), offset === 0 ? 'w' : 'r+');
  const out = fs.createWriteStream('', { fd, start: offset, autoClose: false });
  req.on('data', (chunk) => { h.sha256.update(chunk); h.sm3.update(chunk); h.bytes += chunk.length; });
  req.pipe(out);
  out.on('finish', () => {
    if (fsyncEach === '1') fs.fsyncSync(fd);
    fs.closeSync(fd);
    if (h.bytes < size) { res.writeHead(204, { 'upload-offset': String(h.bytes) }); res.end(); return; }
    hashes.delete(id);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ sha256: h.sha256.digest('hex'), sm3: h.sm3.digest('hex') }));
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

export interface BareUploadServer {
  url: string;
  pid: number;
  stop(): void;
}

export async function startBareUploadServer(dir: string, options: { fsync: boolean }): Promise<BareUploadServer> {
  const child = spawn(process.execPath, ['-e', SERVER, dir, options.fsync ? '1' : '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bare upload server did not start within 10 s')), 10_000);
    child.stdout.once('data', (d: Buffer) => {
      clearTimeout(timer);
      resolve(Number(String(d).trim()));
    });
    child.once('exit', (code) => reject(new Error(`the bare upload server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid ?? 0, stop: () => child.kill('SIGTERM') };
}
