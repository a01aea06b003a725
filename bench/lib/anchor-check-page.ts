/**
 * The browser side of bench/anchor-check-browser.ts: lib/anchor's real checkDepositAnchor (the
 * exhibit and /verify pages' code), bundled by esbuild and timed here in Chromium — the token
 * checked with WebCrypto through pkijs, the chain read back by four JSON-RPC calls — beside one
 * eth_chainId round trip from the same page.
 */
import { checkDepositAnchor } from '@/lib/anchor/check-deposit-anchor';
import type { DepositAnchor } from '@/lib/anchor/deposit-anchor.schema';
import { base64ToBytes, parseVerifierKey } from '@/lib/tlog';

interface Input {
  anchor: DepositAnchor;
  verifierKey: string;
  root: string;
  rpcUrl: string;
  tsaRoot: string;
  samples: number;
}

async function run(input: Input): Promise<{ check: number[]; roundTrip: number[]; ok: boolean; messages: string[] }> {
  const key = parseVerifierKey(input.verifierKey);
  const options = {
    logVerifiers: key,
    origin: key.name,
    leafIndex: 0n,
    depositCheckpoint: { size: BigInt(input.anchor.consistency.from), root: base64ToBytes(input.root) },
    tsaRoots: [input.tsaRoot],
    rpcUrl: input.rpcUrl,
  };
  const first = await checkDepositAnchor(input.anchor, options);
  const check: number[] = [];
  const roundTrip: number[] = [];
  for (let i = 0; i < input.samples; i++) {
    let started = performance.now();
    await checkDepositAnchor(input.anchor, options);
    check.push(performance.now() - started);
    started = performance.now();
    await fetch(input.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    }).then((r) => r.json());
    roundTrip.push(performance.now() - started);
  }
  return { check, roundTrip, ok: first.ok, messages: first.checks.map((c) => `${c.name}: ${c.ok} ${c.message}`) };
}

(globalThis as unknown as { runAnchorCheck: typeof run }).runAnchorCheck = run;
