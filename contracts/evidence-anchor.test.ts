/**
 * The EvidenceAnchor contract: the committed artefact is what the pinned solc makes of the source,
 * its bytecode has no PUSH0 (consortium chains run pre-Shanghai EVMs), and on a real anvil every
 * rule holds. What the chain recorded is read with raw JSON-RPC (plain fetch): not viem, not our client.
 */
import { readFileSync } from 'node:fs';
import { bytesToHex, decodeErrorResult, encodeFunctionData, type Hex, keccak256, toBytes } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RawReceipt, RpcError, randomRoot, rawRpc, requireAnvil, sendFrom } from '@/lib/anchor/evm/chain.testing';
import { EVIDENCE_ANCHOR_ABI } from '@/lib/anchor/evm/evidence-anchor-abi';
import { type LocalChain, startLocalChain } from '@/scripts/lib/local-chain';
import { ARTEFACT_PATH, type ContractArtefact, compileEvidenceAnchor } from './compile';

const artefact = JSON.parse(readFileSync(ARTEFACT_PATH, 'utf8')) as ContractArtefact;

/** Every opcode of `code`, PUSH1..PUSH32's immediate data skipped (0x5f inside data is not PUSH0). */
function opcodes(code: string): number[] {
  const bytes = toBytes(code as Hex);
  const ops: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const op = bytes[i] as number;
    ops.push(op);
    if (op >= 0x60 && op <= 0x7f) i += op - 0x5f;
  }
  return ops;
}

describe('the compiled artefact', () => {
  it('is what solc 0.8.11 (london, optimizer 200 runs) makes of the source today', () => {
    expect(compileEvidenceAnchor()).toEqual(artefact);
    expect(artefact.compiler).toMatch(/^solc 0\.8\.11\+/);
    expect(artefact.evmVersion).toBe('london');
    expect(artefact.optimizer).toEqual({ enabled: true, runs: 200 });
  });

  it('has the interface lib/anchor/evm/evidence-anchor-abi.ts declares', () => {
    type Param = { type: string; name?: string; indexed?: boolean };
    type Item = { type: string; name?: string; inputs?: Param[]; outputs?: Param[]; stateMutability?: string };
    const params = (list: Param[] = []) =>
      list.map((p) => `${p.type}${p.indexed ? ' indexed' : ''} ${p.name ?? ''}`).join(',');
    const names = (abi: readonly unknown[]) =>
      (abi as Item[])
        .map(
          (i) =>
            `${i.type} ${i.name ?? ''}(${params(i.inputs)}) ${i.stateMutability ?? ''} (${params(i.outputs).replace(/ \w*/g, '')})`,
        )
        .sort();
    expect(names(artefact.abi)).toEqual(names(EVIDENCE_ANCHOR_ABI));
  });

  it('has no PUSH0 opcode in either bytecode', () => {
    // The walk itself: PUSH0 found, a 0x5f that is PUSH1's data not.
    expect(opcodes('0x5f00')).toContain(0x5f);
    expect(opcodes('0x605f00')).not.toContain(0x5f);
    expect(opcodes(artefact.bytecode)).not.toContain(0x5f);
    expect(opcodes(artefact.deployedBytecode)).not.toContain(0x5f);
    expect(opcodes(artefact.deployedBytecode).length).toBeGreaterThan(100);
  });
});

const hasAnvil = requireAnvil();

describe.runIf(hasAnvil)('on a real anvil', () => {
  let chain: LocalChain;
  let owner: string;
  let stranger: string;

  beforeAll(async () => {
    chain = await startLocalChain();
    [owner = '', stranger = ''] = await rawRpc<string[]>(chain.url, 'eth_accounts');
  });
  afterAll(() => chain?.stop());

  async function deploy(): Promise<string> {
    const receipt = await sendFrom(chain.url, owner, { data: artefact.bytecode });
    expect(receipt.status).toBe('0x1');
    return receipt.contractAddress as string;
  }
  const anchorData = (size: bigint, root: Uint8Array | Hex) =>
    encodeFunctionData({
      abi: EVIDENCE_ANCHOR_ABI,
      functionName: 'anchor',
      args: [size, typeof root === 'string' ? root : bytesToHex(root)],
    });
  const rootAt = (contract: string, size: bigint) =>
    rawRpc<string>(chain.url, 'eth_call', [
      { to: contract, data: encodeFunctionData({ abi: EVIDENCE_ANCHOR_ABI, functionName: 'rootAt', args: [size] }) },
      'latest',
    ]);
  const word = (n: bigint) => `0x${n.toString(16).padStart(64, '0')}`;

  /** The custom error an anchor call from `from` reverts with. */
  async function revertOf(contract: string, from: string, size: bigint, root: Uint8Array | Hex): Promise<string> {
    try {
      await rawRpc(chain.url, 'eth_call', [{ from, to: contract, data: anchorData(size, root) }, 'latest']);
    } catch (error) {
      if (!(error instanceof RpcError) || !error.data) throw error;
      return decodeErrorResult({ abi: EVIDENCE_ANCHOR_ABI, data: error.data as Hex }).errorName;
    }
    throw new Error('the call did not revert');
  }

  it('records an anchor: receipt, event topics and data, block hash, rootAt, latestTreeSize, owner', async () => {
    const contract = await deploy();
    const root = randomRoot();
    const receipt: RawReceipt = await sendFrom(chain.url, owner, { to: contract, data: anchorData(5n, root) });
    expect(receipt.status).toBe('0x1');
    expect(receipt.to).toBe(contract.toLowerCase());
    expect(receipt.logs).toHaveLength(1);
    const [log] = receipt.logs;
    expect(log?.address).toBe(contract.toLowerCase());
    expect(log?.topics).toEqual([keccak256(toBytes('Anchored(uint64,bytes32,uint256)')), word(5n)]);
    const block = await rawRpc<{ hash: string; timestamp: string }>(chain.url, 'eth_getBlockByNumber', [
      receipt.blockNumber,
      false,
    ]);
    expect(block.hash).toBe(receipt.blockHash);
    expect(log?.blockHash).toBe(receipt.blockHash);
    expect(log?.data).toBe(`${bytesToHex(root)}${word(BigInt(block.timestamp)).slice(2)}`);
    expect(await rootAt(contract, 5n)).toBe(bytesToHex(root));
    expect(await rootAt(contract, 4n)).toBe(word(0n));
    const call = (functionName: 'latestTreeSize' | 'owner') =>
      rawRpc<string>(chain.url, 'eth_call', [
        { to: contract, data: encodeFunctionData({ abi: EVIDENCE_ANCHOR_ABI, functionName }) },
        'latest',
      ]);
    expect(BigInt(await call('latestTreeSize'))).toBe(5n);
    expect(BigInt(await call('owner'))).toBe(BigInt(owner));
  });

  it('accepts the same size and root again without a second event, and refuses everything else', async () => {
    const contract = await deploy();
    const root = randomRoot();
    await sendFrom(chain.url, owner, { to: contract, data: anchorData(5n, root) });
    await sendFrom(chain.url, owner, { to: contract, data: anchorData(9n, randomRoot()) });

    const again = await sendFrom(chain.url, owner, { to: contract, data: anchorData(5n, root) });
    expect(again.status).toBe('0x1');
    expect(again.logs).toEqual([]);

    expect(await revertOf(contract, stranger, 12n, randomRoot())).toBe('NotOwner');
    expect(await revertOf(contract, owner, 12n, word(0n) as Hex)).toBe('EmptyAnchor');
    expect(await revertOf(contract, owner, 7n, randomRoot())).toBe('TreeSizeNotGrowing');
    expect(await revertOf(contract, owner, 0n, randomRoot())).toBe('TreeSizeNotGrowing');
    expect(await revertOf(contract, owner, 5n, randomRoot())).toBe('RootConflict');
    expect(await revertOf(contract, owner, 9n, randomRoot())).toBe('RootConflict');
    // The owner's same call as a stranger: the stranger is refused first.
    expect(await revertOf(contract, stranger, 5n, root)).toBe('NotOwner');
    expect(await rootAt(contract, 5n)).toBe(bytesToHex(root));
    expect(await revertOf(contract, owner, 12n, randomRoot()).catch((e: Error) => e.message)).toBe(
      'the call did not revert',
    );
  });
});
