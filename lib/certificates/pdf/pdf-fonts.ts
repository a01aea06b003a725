/**
 * The fonts of the certificate PDF, read and parsed once per process and shared by every
 * rendering (PDFKit subsets each document's glyphs from the shared fontkit font).
 *
 * - Noto Serif SC (思源宋体, OFL-1.1), regular and bold: a Song-style serif, the face of Chinese
 *   court documents, with Latin glyphs for the English text. Whole static TrueType files (glyf
 *   outlines, 14.8 MB each) from `@expo-google-fonts/noto-serif-sc`; the `@fontsource` and
 *   `noto-serif-sc` packages ship only woff2 slices split by Unicode range, which cannot be
 *   embedded as one font.
 * - Source Code Pro (OFL-1.1), regular: Adobe's monospace companion of the same Source family,
 *   for digests, IDs and the URL, so the two 64-hex digests line up column by column.
 *
 * @module
 */
import 'server-only';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';

export type CertificateFontName = 'serif' | 'serifBold' | 'mono';

/** Package-relative paths of the font files (the packages' JavaScript is React Native only). */
const FONT_FILES: Record<CertificateFontName, string> = {
  serif: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  serifBold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
  mono: '@expo-google-fonts/source-code-pro/400Regular/SourceCodePro_400Regular.ttf',
};

export type CertificateFonts = Record<CertificateFontName, fontkit.Font>;

let loaded: CertificateFonts | undefined;

function resolveFontFile(specifier: string): string {
  // From this module first (Node, tsx, Vitest); a server bundle may not keep a usable
  // import.meta.url, so fall back to the project's node_modules from the working directory.
  const bases = [import.meta.url, path.join(process.cwd(), 'package.json')];
  for (const base of bases) {
    try {
      return createRequire(base).resolve(specifier);
    } catch {
      // try the next base
    }
  }
  throw new Error(`certificate PDF: font file ${specifier} not found; run npm install`);
}

function loadFont(name: CertificateFontName): fontkit.Font {
  const file = resolveFontFile(FONT_FILES[name]);
  const font = fontkit.create(readFileSync(file));
  if (!('layout' in font)) throw new Error(`certificate PDF: ${file} is a font collection, expected one font`);
  return font;
}

/** The parsed fonts; the first call reads about 30 MB of font files, later calls are free. */
export function certificateFonts(): CertificateFonts {
  loaded ??= { serif: loadFont('serif'), serifBold: loadFont('serifBold'), mono: loadFont('mono') };
  return loaded;
}
