/**
 * Compiles contracts/EvidenceAnchor.sol with the pinned npm `solc` (0.8.11: FISCO BCOS 3.x accepts
 * Solidity up to 0.8.11) for the London EVM (no PUSH0, which consortium chains and older nodes
 * reject), optimizer on at 200 runs, and writes contracts/EvidenceAnchor.json. The artefact is
 * committed so that deploying needs no compiler; contracts/evidence-anchor.test.ts recompiles and
 * compares, so source and artefact cannot drift apart.
 *
 * Run: `npm run contract:compile` (tsx contracts/compile.ts).
 * @see https://docs.soliditylang.org/en/v0.8.11/using-the-compiler.html#compiler-input-and-output-json-description
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import solc from 'solc';
import { z } from 'zod';

export const CONTRACTS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ARTEFACT_PATH = path.join(CONTRACTS_DIR, 'EvidenceAnchor.json');
const SOURCE_NAME = 'EvidenceAnchor.sol';
const EVM_VERSION = 'london';
const OPTIMIZER = { enabled: true, runs: 200 } as const;

export interface ContractArtefact {
  contractName: string;
  compiler: string;
  evmVersion: string;
  optimizer: { enabled: boolean; runs: number };
  abi: unknown[];
  bytecode: `0x${string}`;
  deployedBytecode: `0x${string}`;
}

const ZHex = z.string().regex(/^(0x)?([0-9a-f]{2})*$/i);
const ZSolcOutput = z.object({
  errors: z.array(z.object({ severity: z.string(), formattedMessage: z.string() })).optional(),
  contracts: z
    .record(
      z.string(),
      z.record(
        z.string(),
        z.object({
          abi: z.array(z.unknown()),
          evm: z.object({ bytecode: z.object({ object: ZHex }), deployedBytecode: z.object({ object: ZHex }) }),
        }),
      ),
    )
    .optional(),
});

export function compileEvidenceAnchor(): ContractArtefact {
  const input = {
    language: 'Solidity',
    sources: { [SOURCE_NAME]: { content: readFileSync(path.join(CONTRACTS_DIR, SOURCE_NAME), 'utf8') } },
    settings: {
      evmVersion: EVM_VERSION,
      optimizer: OPTIMIZER,
      // No metadata hash appended: the bytecode depends on the code and settings only, so editing a
      // comment does not change what is deployed (the recompile test still catches any code change).
      metadata: { bytecodeHash: 'none' },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = ZSolcOutput.parse(JSON.parse(solc.compile(JSON.stringify(input))));
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  const contract = output.contracts?.[SOURCE_NAME]?.EvidenceAnchor;
  if (!contract) throw new Error('solc produced no EvidenceAnchor contract');
  return {
    contractName: 'EvidenceAnchor',
    compiler: `solc ${solc.version()}`,
    evmVersion: EVM_VERSION,
    optimizer: { ...OPTIMIZER },
    abi: contract.abi,
    bytecode: `0x${contract.evm.bytecode.object.replace(/^0x/, '')}`,
    deployedBytecode: `0x${contract.evm.deployedBytecode.object.replace(/^0x/, '')}`,
  };
}

export function formatArtefact(artefact: ContractArtefact): string {
  return `${JSON.stringify(artefact, null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(ARTEFACT_PATH, formatArtefact(compileEvidenceAnchor()));
  console.log(`wrote ${path.relative(process.cwd(), ARTEFACT_PATH)}`);
}
