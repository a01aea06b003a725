import { execFileSync } from 'node:child_process';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from './hash-file-pair.testing';
import { isWalkProblem, type WalkedFile, type WalkProblem, walkFiles } from './walk-files';

let dir: string;
let remove: () => Promise<void>;

beforeEach(async () => {
  ({ dir, remove } = await tempDir('walk'));
});
afterEach(async () => {
  await chmod(path.join(dir, 'locked'), 0o755).catch(() => {});
  await remove();
});

async function files(tree: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(tree)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
}

async function walk(inputs: string[], exclude?: string[]): Promise<{ found: WalkedFile[]; problems: WalkProblem[] }> {
  const found: WalkedFile[] = [];
  const problems: WalkProblem[] = [];
  for await (const item of walkFiles(inputs, { cwd: dir, exclude })) {
    if (isWalkProblem(item)) problems.push(item);
    else found.push(item);
  }
  return { found, problems };
}

describe('walkFiles', () => {
  it('walks nested folders depth first in code-point order, with sizes, skipping receipts', async () => {
    await files({
      'docs/b.txt': 'bb',
      'docs/a/z.txt': 'z',
      'docs/a/Y.txt': 'Y',
      'docs/a/z.txt.verity-receipt.json': '{}',
      'docs/c/deep/er/f.txt': 'ffff',
      'single.txt': 's',
    });
    const { found, problems } = await walk(['single.txt', 'docs']);
    expect(problems).toEqual([]);
    expect(found.map((f) => f.relative)).toEqual([
      'single.txt',
      'docs/a/Y.txt',
      'docs/a/z.txt',
      'docs/b.txt',
      'docs/c/deep/er/f.txt',
    ]);
    expect(found[4]).toMatchObject({ path: path.join(dir, 'docs/c/deep/er/f.txt'), bytes: 4 });
    expect(found[4]?.mtimeMs).toBeGreaterThan(0);
  });

  it('follows a link to a file and to a folder, and yields each file once', async () => {
    await files({ 'tree/real/a.txt': 'a', 'outside/o.txt': 'o' });
    await symlink(path.join(dir, 'tree/real/a.txt'), path.join(dir, 'tree/link-to-a.txt'));
    await symlink(path.join(dir, 'outside'), path.join(dir, 'tree/linked-dir'));
    const { found, problems } = await walk(['tree', 'tree/real/a.txt']);
    expect(problems).toEqual([]);
    // a.txt is first met through the link (code-point order: "link-to-a.txt" < "real").
    expect(found.map((f) => f.relative)).toEqual(['tree/link-to-a.txt', 'tree/linked-dir/o.txt']);
  });

  it('reports a symlink loop and a broken link, and goes on', async () => {
    await files({ 'tree/a/file.txt': 'x', 'tree/z.txt': 'z' });
    await symlink(path.join(dir, 'tree'), path.join(dir, 'tree/a/back-to-top'));
    await symlink('self-link', path.join(dir, 'tree/self-link'));
    await symlink(path.join(dir, 'nowhere'), path.join(dir, 'tree/broken'));
    const { found, problems } = await walk(['tree']);
    expect(found.map((f) => f.relative)).toEqual(['tree/a/file.txt', 'tree/z.txt']);
    expect(problems).toEqual([
      { path: path.join(dir, 'tree/a/back-to-top'), code: 'SYMLINK_LOOP', message: expect.any(String) },
      { path: path.join(dir, 'tree/broken'), code: 'NOT_FOUND', message: expect.stringMatching(/symbolic link/) },
      { path: path.join(dir, 'tree/self-link'), code: 'SYMLINK_LOOP', message: expect.any(String) },
    ]);
  });

  it('reports an unreadable folder (not as root), a FIFO, a missing input, a receipt named as input', async () => {
    await files({ 'locked/secret.txt': 's', 'ok.txt': 'o', 'r.verity-receipt.json': '{}' });
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) await chmod(path.join(dir, 'locked'), 0o000);
    const { found, problems } = await walk(['locked', 'pipe', 'missing', 'r.verity-receipt.json', 'ok.txt']);
    expect(found.map((f) => f.relative)).toEqual(asRoot ? ['locked/secret.txt', 'ok.txt'] : ['ok.txt']);
    expect(problems.map((p) => [path.basename(p.path), p.code])).toEqual([
      ...(asRoot ? [] : [['locked', 'UNREADABLE']]),
      ['pipe', 'NOT_A_FILE'],
      ['missing', 'NOT_FOUND'],
      ['r.verity-receipt.json', 'NOT_A_FILE'],
    ]);
  });

  it('skips the excluded receipt folder and JSON Lines file', async () => {
    await files({ 'data/a.txt': 'a', 'data/receipts/a.json': '{}', 'data/receipts.jsonl': '' });
    const { found } = await walk(['data'], ['data/receipts', path.join(dir, 'data/receipts.jsonl')]);
    expect(found.map((f) => f.relative)).toEqual(['data/a.txt']);
  });
});
