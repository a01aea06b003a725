/**
 * Tests only: temporary folders, openssl run as a child process (its exit code is the verdict),
 * an openssl-made CA and TSA with `openssl ts -reply` tokens, and tokens from our own issuer under
 * authorities broken on purpose (past validity, no EKU).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll } from 'vitest';
import { type CreateDemoAuthorityOptions, createDemoAuthority, type DemoAuthority } from './demo-authority';
import { issueTimestampToken, prepareTokenSigner } from './issue-token';
import { OID_SHA256 } from './tsp-oids';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh folder under os.tmpdir(), removed after the file's tests. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verity-rfc3161-'));
  dirs.push(dir);
  return dir;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function openssl(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile('openssl', args, { cwd, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function mustOpenssl(args: string[], cwd: string): Promise<void> {
  const run = await openssl(args, cwd);
  if (run.code !== 0) throw new Error(`openssl ${args.join(' ')} → ${run.code}: ${run.stderr}`);
}

export const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text);

export const sha256Imprint = async (data: Uint8Array) =>
  new pkijs.MessageImprint({
    hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
    hashedMessage: new asn1js.OctetString({ valueHex: await crypto.subtle.digest('SHA-256', data.slice()) }),
  });

/** A token over `data` from our issuer under `authority`, as the responder would make it. */
export async function tokenFrom(
  authority: DemoAuthority,
  data: Uint8Array,
  o: { genTime?: Date; includeCertificate?: boolean; nonce?: number } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const signer = await prepareTokenSigner(authority.tsaPem, authority.tsaKeyPem);
  return issueTimestampToken({
    signer,
    messageImprint: await sha256Imprint(data),
    includeCertificate: o.includeCertificate ?? true,
    ...(o.genTime ? { genTime: o.genTime } : {}),
    ...(o.nonce !== undefined ? { nonce: new asn1js.Integer({ value: o.nonce }) } : {}),
  });
}

const authorities = new Map<string, Promise<DemoAuthority>>();
/** Authorities are slow-ish to make (keys, two signatures): one per distinct recipe per file. */
export function authority(options: CreateDemoAuthorityOptions = {}): Promise<DemoAuthority> {
  const key = JSON.stringify(options);
  const known = authorities.get(key);
  if (known) return known;
  const made = createDemoAuthority(options);
  authorities.set(key, made);
  return made;
}

export interface OpensslTsa {
  dir: string;
  rootPem: string;
  tsaPem: string;
  /** `openssl ts -query` + `openssl ts -reply -token_out`: the DER token over `data`. */
  token(data: Uint8Array): Promise<Uint8Array<ArrayBuffer>>;
}

/** A root CA and a TSA certificate made by openssl (req/x509), and its `ts -reply` configuration. */
export async function opensslTsa(key: 'ec' | 'rsa' = 'ec'): Promise<OpensslTsa> {
  const dir = await tempDir();
  const ec =
    key === 'ec'
      ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']
      : ['-newkey', 'rsa:2048', '-nodes'];
  await mustOpenssl(
    [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '3',
      '-subj',
      '/O=OpenSSL Test/CN=OpenSSL Test Root',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  await mustOpenssl(
    ['req', '-new', ...ec, '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/O=OpenSSL Test/CN=OpenSSL Test TSA'],
    dir,
  );
  await writeFile(
    path.join(dir, 'tsa.ext'),
    'extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\n',
  );
  await mustOpenssl(
    [
      'x509',
      '-req',
      '-in',
      'tsa.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'tsa.pem',
      '-days',
      '2',
      '-extfile',
      'tsa.ext',
    ],
    dir,
  );
  await writeFile(path.join(dir, 'serial'), '01\n');
  await writeFile(
    path.join(dir, 'ts.cnf'),
    [
      '[ tsa ]',
      'default_tsa = tsa1',
      '[ tsa1 ]',
      `serial = ${dir}/serial`,
      `signer_cert = ${dir}/tsa.pem`,
      `signer_key = ${dir}/tsa.key`,
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256',
      'accuracy = secs:1',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  let n = 0;
  return {
    dir,
    rootPem: await readFile(path.join(dir, 'ca.pem'), 'utf8'),
    tsaPem: await readFile(path.join(dir, 'tsa.pem'), 'utf8'),
    async token(data) {
      const id = `t${n++}`;
      await writeFile(path.join(dir, `${id}.data`), data);
      await mustOpenssl(['ts', '-query', '-data', `${id}.data`, '-sha256', '-cert', '-out', `${id}.tsq`], dir);
      await mustOpenssl(
        ['ts', '-reply', '-config', 'ts.cnf', '-queryfile', `${id}.tsq`, '-token_out', '-out', `${id}.der`],
        dir,
      );
      return new Uint8Array(await readFile(path.join(dir, `${id}.der`)));
    },
  };
}
