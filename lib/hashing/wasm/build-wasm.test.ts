/**
 * The committed module (`digests-wasm.generated.ts`) is the one its source makes: rebuilt here
 * from `*-wat.ts` with wabt, byte for byte. If this fails, the source changed without
 * `npx tsx lib/hashing/wasm/build-wasm.ts`, or the generated file was edited by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDigestsWasm, GENERATED_FILE, generatedModuleText } from './build-wasm';
import { DIGESTS_WASM_BASE64 } from './digests-wasm.generated';
import { digestsModuleWat } from './module-wat';

describe('the digest module', () => {
  it('is rebuilt from its source byte for byte', async () => {
    const rebuilt = await buildDigestsWasm();
    expect(Buffer.from(rebuilt).toString('base64')).toBe(DIGESTS_WASM_BASE64);
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(generatedModuleText(rebuilt));
  });

  it('is deterministic, and its options change the code', async () => {
    const again = await buildDigestsWasm();
    expect(Buffer.from(again).toString('base64')).toBe(DIGESTS_WASM_BASE64);
    const variant = await buildDigestsWasm({ sm3: { expansion: 'simd' } });
    expect(Buffer.from(variant).toString('base64')).not.toBe(DIGESTS_WASM_BASE64);
  });

  it('exports one memory page and the two compression functions, and nothing else', async () => {
    const module = await WebAssembly.compile(await buildDigestsWasm());
    expect(WebAssembly.Module.exports(module)).toEqual([
      { name: 'memory', kind: 'memory' },
      { name: 'sha256', kind: 'function' },
      { name: 'sm3', kind: 'function' },
    ]);
    expect(WebAssembly.Module.imports(module)).toEqual([]);
    expect(digestsModuleWat()).toContain('(memory (export "memory") 1)');
  });

  it('refuses options out of range', () => {
    expect(() => digestsModuleWat({ sm3: { lead: 3 } })).toThrow('lead must be an integer from 4 to 16');
    expect(() => digestsModuleWat({ sha256: { lead: 0 } })).toThrow('lead must be an integer from 1 to 16');
  });
});
