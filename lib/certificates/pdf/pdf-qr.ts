import 'server-only';
/**
 * The QR code of the public check page, drawn as vector rectangles (one per horizontal run of
 * dark modules), so it is sharp at any zoom or print resolution and adds no image to the PDF.
 *
 * Error correction level M (15 %): a certificate is printed and scanned from paper, where a
 * fold or a stamp can hide part of the code, and M keeps the code small for a ~70-character URL.
 *
 * @see ISO/IEC 18004 (QR Code), quiet zone of 4 modules
 * @module
 */
import QRCode from 'qrcode';
import type { Doc } from './pdf-layout';

const QUIET_ZONE = 4;

/** Dark runs of the symbol, in module units: [row, column, length]. */
export function qrRuns(text: string): { size: number; runs: [number, number, number][] } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: [number, number, number][] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let column = 0; column <= modules.size; column++) {
      const dark = column < modules.size && modules.get(row, column);
      if (dark && start < 0) start = column;
      if (!dark && start >= 0) {
        runs.push([row, start, column - start]);
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}

/** Draws the code (with its white quiet zone) in a square of `side` points at (x, y). */
export function drawQr(doc: Doc, text: string, x: number, y: number, side: number): void {
  const { size, runs } = qrRuns(text);
  const module = side / (size + 2 * QUIET_ZONE);
  const origin = { x: x + QUIET_ZONE * module, y: y + QUIET_ZONE * module };
  doc.rect(x, y, side, side).fill('#ffffff');
  // Runs overlap by a hair vertically so rasterisers leave no seams between rows.
  for (const [row, column, length] of runs) {
    doc.rect(origin.x + column * module, origin.y + row * module, length * module, module + 0.02);
  }
  doc.fill('#000000');
  doc.link(x, y, side, side, text);
}
