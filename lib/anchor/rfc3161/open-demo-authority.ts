/**
 * The demo authority kept in a directory: generated on first start, the same on every start after
 * (so tokens issued earlier still chain to the same root). `authority.json` holds the root and TSA
 * certificates and their PKCS#8 keys (mode 0600, checked with zod when read back); `root.pem` and
 * `tsa.pem` are copies for `openssl ts -verify -CAfile root.pem -untrusted tsa.pem`. Two processes
 * starting on an empty directory at once agree on one authority: the file is published with
 * link(2), which fails when the name exists, and the loser reads the winner's.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { createDemoAuthority, type DemoAuthority } from './demo-authority';

export const AUTHORITY_FILE = 'authority.json';

const ZPem = (label: string) => z.string().includes(`-----BEGIN ${label}-----`);
const ZDemoAuthorityFile = z.object({
  version: z.literal(1),
  demo: z.literal(true),
  rootPem: ZPem('CERTIFICATE'),
  rootKeyPem: ZPem('PRIVATE KEY'),
  tsaPem: ZPem('CERTIFICATE'),
  tsaKeyPem: ZPem('PRIVATE KEY'),
});

export async function openDemoAuthority(dir: string): Promise<DemoAuthority> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, AUTHORITY_FILE);
  let authority = await read(file);
  if (!authority) {
    const created = await createDemoAuthority();
    const temp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
    await writeSynced(temp, `${JSON.stringify({ version: 1, demo: true, ...created }, null, 2)}\n`, 0o600);
    try {
      await link(temp, file);
      authority = created;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      authority = await read(file);
    } finally {
      await rm(temp, { force: true });
    }
    if (!authority) throw new Error(`${file} vanished while it was being created`);
  }
  await writeSynced(path.join(dir, 'root.pem'), authority.rootPem, 0o644);
  await writeSynced(path.join(dir, 'tsa.pem'), authority.tsaPem, 0o644);
  return authority;
}

async function read(file: string): Promise<DemoAuthority | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const parsed = ZDemoAuthorityFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a demo time-stamping authority: ${parsed.error.message}`);
  const { rootPem, rootKeyPem, tsaPem, tsaKeyPem } = parsed.data;
  return { rootPem, rootKeyPem, tsaPem, tsaKeyPem };
}

async function writeSynced(file: string, text: string, mode: number): Promise<void> {
  const handle = await open(file, 'w', mode);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
