/**
 * A deposit certificate from a log that anchors (issue #19), on the real database with a real local
 * chain (anvil) and the built-in RFC 3161 responder: each deposit carries its first anchored
 * checkpoint, the PDF says where it is anchored and when it was time-stamped, and
 * `verity verify-certificate` checks the anchors offline (token against the pinned TSA root) and
 * reads the chain back with `--rpc`; a pinned root of another authority fails the token.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHoldingTheLock, startTestAnchors, type TestAnchors } from '@/lib/anchor/anchors.testing';
import { createDemoAuthority } from '@/lib/anchor/rfc3161/demo-authority';
import { courtSigner } from '@/lib/certificates/court-signer';
import { depositFromBrowser } from '@/lib/ledger/deposit-from-browser';
import { checkpointAt } from '@/lib/ledger/latest-checkpoint';
import { logSigner } from '@/lib/ledger/log-signer';
import { bytesToBase64 } from '@/lib/tlog';
import { nodeCliDeps } from '@/packages/client/src/cli/main';
import { runVerityCli } from '@/packages/client/src/cli/run-verity-cli';
import { LOCAL_CHAIN_DEV_KEY } from '@/scripts/lib/local-chain';
import { buildUser } from '@/test/builders';
import { requireTools } from '@/test/required-tools';
import { issueDepositCertificate } from './issue-deposit-certificate';

const POPPLER = requireTools('poppler-utils', ['pdftotext'], 'apt-get install poppler-utils');

describe('a deposit certificate from a log that anchors', () => {
  let anchors: TestAnchors;
  let pdfPath: string;
  let rootFile: string;
  let body: Awaited<ReturnType<typeof issueDepositCertificate>>['file']['body'];
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    anchors = await startTestAnchors();
    const { chain, tsa, contract, dir } = anchors;
    rootFile = path.join(dir, 'tsa-root.pem');
    writeFileSync(rootFile, tsa.rootPem);
    // The portal's configuration for this process: this chain and this authority.
    const env = {
      VERITY_ANCHOR_RPC_URL: chain.url,
      VERITY_ANCHOR_CHAIN_ID: String(chain.chainId),
      VERITY_ANCHOR_CONTRACT: contract,
      VERITY_ANCHOR_SIGNER_KEY: LOCAL_CHAIN_DEV_KEY,
      VERITY_ANCHOR_CHAIN_NAME: '某省司法联盟链（测试）',
      VERITY_TSA_URLS: tsa.url,
      VERITY_TSA_ROOTS: rootFile,
    };
    for (const [name, value] of Object.entries(env)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }

    const depositor = await buildUser({ role: 'depositor' });
    const { receipts } = await depositFromBrowser(depositor.actor, {
      deposits: [{ digests: { sha256: randomBytes(32).toString('hex'), sm3: randomBytes(32).toString('hex') } }],
    });
    const receipt = receipts[0];
    if (receipt?.status !== 'sealed') throw new Error('the deposit was not sealed');
    const { anchorSettings } = await import('@/lib/anchor/anchor-settings');
    const outcome = await runHoldingTheLock(
      anchors.job({ settings: anchorSettings(), candidate: () => checkpointAt(BigInt(receipt.treeSize)) }),
    );
    expect(outcome.failures).toEqual([]);

    const issued = await issueDepositCertificate(
      depositor.actor,
      { deposits: [{ id: receipt.id }] },
      { origin: 'https://verity.court.example' },
    );
    body = issued.file.body;
    pdfPath = path.join(dir, 'anchored.pdf');
    writeFileSync(pdfPath, issued.bytes);
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await anchors?.stop();
  });

  it('carries the first anchored checkpoint of each deposit, named by the configuration', () => {
    const anchor = body.deposits[0]?.anchor;
    expect(anchor?.evm).toMatchObject({
      contract: anchors.contract,
      chainId: anchors.chain.chainId,
      chain: '某省司法联盟链（测试）',
      demo: false,
      rpcUrl: null,
    });
    expect(anchor?.timestamp?.tsa).toMatch(/demo only/);
    expect(anchor?.consistency.from).toBeLessThanOrEqual(anchor?.consistency.to ?? -1);
  });

  it.skipIf(!POPPLER)('prints where it is anchored and when it was time-stamped', () => {
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('区块链锚定');
    expect(text).toContain(`某省司法联盟链（测试）第${body.deposits[0]?.anchor?.evm?.blockNumber}号区块`);
    expect(text).toContain('可信时间戳');
    expect(text).toContain('thedepositexistednolaterthanthis');
  });

  it('checks offline, reads the chain back with --rpc, and fails under another authority’s root', async () => {
    const keys = ['--court-key', bytesToBase64(courtSigner().publicKey), '--log-key', logSigner().verifierKey];
    const run = async (...argv: string[]) => {
      const result = await runVerityCli(argv, nodeCliDeps());
      return { code: result.exitCode, text: result.stdout.join('\n') };
    };
    const read = await run('verify-certificate', pdfPath, ...keys, '--tsa-root', rootFile, '--rpc', anchors.chain.url);
    expect(read.text).toContain('✓ deposit 1 anchor_checkpoint:');
    expect(read.text).toContain('✓ deposit 1 anchor_timestamp:');
    expect(read.text).toContain('✓ deposit 1 anchor_chain:');
    expect(read.text).toMatch(
      /deposit 1: Anchored on 某省司法联盟链（测试） in block \d+ at .*, read back from the chain\./,
    );
    expect(read.code).toBe(0);

    const offline = await run('verify-certificate', pdfPath, ...keys, '--tsa-root', rootFile);
    expect(offline.text).toContain('– deposit 1 anchor_chain: not checked');
    expect(offline.code).toBe(0);

    const strangerRoot = path.join(anchors.dir, 'stranger.pem');
    writeFileSync(strangerRoot, (await createDemoAuthority()).rootPem);
    const wrongRoot = await run('verify-certificate', pdfPath, ...keys, '--tsa-root', strangerRoot);
    expect(wrongRoot.text).toContain('✗ deposit 1 anchor_timestamp:');
    expect(wrongRoot.code).toBe(1);
  });
});
