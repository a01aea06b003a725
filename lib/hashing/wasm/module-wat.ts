/**
 * The digest module's WebAssembly text: one memory page (`layout.ts`) and the two compression
 * functions, `sha256(p, n)` and `sm3(p, n)`. Each hasher instantiates the module once and uses
 * one of them. Build-time only: `build-wasm.ts` assembles this text.
 *
 * @module
 */
import { MEMORY_PAGES } from './layout';
import { type Sha256WatOptions, sha256Function } from './sha256-wat';
import { type Sm3WatOptions, sm3Function } from './sm3-wat';

export interface DigestsWatOptions {
  sha256?: Sha256WatOptions;
  sm3?: Sm3WatOptions;
}

/** The module's text; the defaults are what the committed module is built from. */
export function digestsModuleWat(options: DigestsWatOptions = {}): string {
  return `(module
  (memory (export "memory") ${MEMORY_PAGES})
${sha256Function(options.sha256)}
${sm3Function(options.sm3)}
)
`;
}
