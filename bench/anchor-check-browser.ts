/**
 * The browser's check of a deposit's anchors (issue #19), in Chromium: the pages' own
 * checkDepositAnchor (bench/lib/anchor-check-page.ts, bundled by esbuild) over a real anchor — a
 * checkpoint anchored on the local chain (anvil) and time-stamped by the built-in RFC 3161
 * responder — p50/p99 of the whole check (log signature, token with WebCrypto, four JSON-RPC calls),
 * beside one eth_chainId round trip from the same page. Goal: ≤ 100 ms.
 *
 *   npx tsx --conditions=react-server bench/anchor-check-browser.ts [--quick] [--samples 200]
 */

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { startTestAnchors } from '@/lib/anchor/anchors.testing';
import type { DepositAnchor } from '@/lib/anchor/deposit-anchor.schema';
import { requestTimestamp } from '@/lib/anchor/rfc3161/request-timestamp';
import { bytesToBase64, formatCheckpoint, generateNoteKeys, hashLeaf, signNote } from '@/lib/tlog';
import { chromiumLaunch } from '../playwright.config';
import { benchOptions } from './lib/options';
import { publishRun } from './lib/publish-run';
import type { BenchSection, Figure } from './lib/report';
import { round } from './lib/stats';

const options = benchOptions('anchor-check-browser');
const samples = Math.min(options.samples, options.quick ? 50 : 300);
const ROOT = path.resolve(import.meta.dirname, '..');

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function section(): Promise<BenchSection> {
  const anchors = await startTestAnchors();
  const { chain, tsa } = anchors;
  const bundle = await build({
    entryPoints: [path.join(ROOT, 'bench/lib/anchor-check-page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    minify: true,
    alias: { '@': ROOT },
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const server = createServer((req, res) => {
    if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><script type="module" src="/page.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({ ...chromiumLaunch, headless: true });
  try {
    // A one-leaf log: its checkpoint signed, anchored on the chain and time-stamped.
    const keys = generateNoteKeys('verity.bench/ledger');
    const root = hashLeaf(new TextEncoder().encode('a deposit'));
    const note = signNote(
      formatCheckpoint({ origin: 'verity.bench/ledger', size: 1n, rootHash: root }),
      keys.signerKey,
    );
    const contract = anchors.contract;
    const landed = await anchors.client().anchor(1n, root);
    const token = await requestTimestamp({
      urls: [tsa.url],
      data: new TextEncoder().encode(note),
      trustedRoots: [tsa.rootPem],
    });
    const rootHash = bytesToBase64(root);
    const anchor: DepositAnchor = {
      checkpoint: note,
      consistency: { from: 1, to: 1, proof: [] },
      evm: {
        kind: 'evm',
        treeSize: 1,
        rootHash,
        chainId: chain.chainId,
        chain: 'bench',
        demo: true,
        contract: contract.toLowerCase(),
        transactionHash: landed.transactionHash,
        blockNumber: Number(landed.blockNumber),
        blockHash: landed.blockHash,
        anchoredAt: landed.blockTime.toISOString(),
        rpcUrl: chain.url,
      },
      timestamp: {
        kind: 'rfc3161',
        treeSize: 1,
        rootHash,
        tsa: token.tsa,
        tsaUrl: token.url,
        demo: true,
        token: Buffer.from(token.token).toString('base64'),
        certificates: token.certificates,
        anchoredAt: token.genTime.toISOString(),
      },
    };
    const page = await browser.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction(() => 'runAnchorCheck' in globalThis);
    const result = await page.evaluate(
      (input) =>
        (
          globalThis as unknown as {
            runAnchorCheck: (
              i: unknown,
            ) => Promise<{ check: number[]; roundTrip: number[]; ok: boolean; messages: string[] }>;
          }
        ).runAnchorCheck(input),
      { anchor, verifierKey: keys.verifierKey, root: rootHash, rpcUrl: chain.url, tsaRoot: tsa.rootPem, samples },
    );
    if (!result.ok) throw new Error(`the anchor did not check in the browser: ${result.messages.join('; ')}`);
    const sectionName = `the browser's check of a deposit's anchors (Chromium ${browser.version()}, ${samples} checks)`;
    const reference = (q: number) => ({
      name: `one eth_chainId round trip, p${q * 100}`,
      value: round(quantile(result.roundTrip, q), 2),
      unit: 'ms',
    });
    const figures: Figure[] = [
      {
        section: sectionName,
        metric: 'token + chain (4 JSON-RPC calls), p50',
        value: round(quantile(result.check, 0.5), 2),
        unit: 'ms',
        reference: reference(0.5),
        goal: { op: '<=', value: 100 },
      },
      {
        section: sectionName,
        metric: 'token + chain (4 JSON-RPC calls), p99',
        value: round(quantile(result.check, 0.99), 2),
        unit: 'ms',
        reference: reference(0.99),
        goal: { op: '<=', value: 100 },
      },
    ];
    return {
      figures,
      details: { checkMs: result.check, roundTripMs: result.roundTrip, bundleBytes: script.length },
      postgres: '',
      failures: [],
    };
  } finally {
    await browser.close();
    server.close();
    await anchors.stop();
  }
}

await publishRun('anchor-check-browser', options, [section]);
