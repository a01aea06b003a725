/**
 * The reference of bench/upload-throughput.ts: a bare `node:http` server in its own process that
 * takes the same PATCHes (Upload-Offset, 8 MiB bodies), hashes each body with SHA-256 and SM3
 * (node:crypto, kept per upload between requests) and writes it into the upload's file with a
 * plain fs write stream — no authentication, no database, no checks. With `fsync`, each PATCH's
 * file is also fsync'd before the answer. With `sm3Thread`, SM3 runs in a worker thread as the
 * portal's does (lib/evidence/off-thread-sm3.ts), written the plain way: each chunk copied into a
 * message of its own. The last PATCH (Upload-Offset + body = X-Bench-Size) is answered with both
 * digests, which the benchmark checks.
 */
import { spawn } from 'node:child_process';

const SERVER = `
const http = require('node:http');
const fs = require('node:fs');
const crypto = require('node:crypto');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const [dir, fsyncEach, sm3Thread] = process.argv.slice(1);
const hashes = new Map();
// SM3 in a worker thread: updates are copies sent in order; a digest is asked for by message.
class ThreadSm3 {
  static worker;
  static next = 1;
  static answers = new Map();
  constructor() {
    if (!ThreadSm3.worker) {
      ThreadSm3.worker = new Worker(\`
        const { parentPort } = require('node:worker_threads');
        const { createHash } = require('node:crypto');
        const hashes = new Map();
        parentPort.on('message', (m) => {
          if (!hashes.has(m.id)) hashes.set(m.id, createHash('sm3'));
          if (m.chunk) hashes.get(m.id).update(m.chunk);
          else { parentPort.postMessage({ id: m.id, digest: hashes.get(m.id).digest('hex') }); hashes.delete(m.id); }
        });\`, { eval: true });
      ThreadSm3.worker.on('message', (m) => { ThreadSm3.answers.get(m.id)(m.digest); ThreadSm3.answers.delete(m.id); });
    }
    this.id = ThreadSm3.next++;
  }
  update(chunk) {
    const copy = new Uint8Array(chunk);
    ThreadSm3.worker.postMessage({ id: this.id, chunk: copy }, [copy.buffer]);
  }
  digest() {
    return new Promise((resolve) => { ThreadSm3.answers.set(this.id, resolve); ThreadSm3.worker.postMessage({ id: this.id }); });
  }
}
const server = http.createServer((req, res) => {
  const id = path.basename(req.url);
  const offset = Number(req.headers['upload-offset']);
  const size = Number(req.headers['x-bench-size']);
  if (offset === 0) {
    const sm3 = sm3Thread === '1' ? new ThreadSm3() : crypto.createHash('sm3');
    hashes.set(id, { sha256: crypto.createHash('sha256'), sm3, bytes: 0 });
  }
  const h = hashes.get(id);
  const fd = fs.openSync(path.join(dir, id), offset === 0 ? 'w' : 'r+');
  const out = fs.createWriteStream('', { fd, start: offset, autoClose: false });
  req.on('data', (chunk) => { h.sha256.update(chunk); h.sm3.update(chunk); h.bytes += chunk.length; });
  req.pipe(out);
  out.on('finish', async () => {
    if (fsyncEach === '1') fs.fsyncSync(fd);
    fs.closeSync(fd);
    if (h.bytes < size) { res.writeHead(204, { 'upload-offset': String(h.bytes) }); res.end(); return; }
    hashes.delete(id);
    const sha256 = h.sha256.digest('hex');
    const sm3 = await h.sm3.digest(sm3Thread === '1' ? undefined : 'hex');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ sha256, sm3 }));
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

export async function startBareUploadServer(
  dir: string,
  options: { fsync: boolean; sm3Thread?: boolean },
): Promise<BareUploadServer> {
  const child = spawn(process.execPath, ['-e', SERVER, dir, options.fsync ? '1' : '0', options.sm3Thread ? '1' : '0'], {
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
