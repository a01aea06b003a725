/**
 * Writes public/favicon.ico from public/favicon.svg (`npm run favicon` after changing the SVG):
 * Chromium renders the SVG at 16, 32 and 48 px on a transparent background, and the PNGs are
 * packed into one ICO file (PNG entries, which every browser and Windows since Vista read).
 * The ICO is for the browsers and tools that ask for /favicon.ico only; pages link the SVG too.
 *
 * ICO layout: a 6-byte ICONDIR, one 16-byte ICONDIRENTRY per image, then the images.
 * @see https://learn.microsoft.com/en-us/previous-versions/ms997538(v=msdn.10)
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunch } from '../playwright.config';

const ROOT = path.resolve(import.meta.dirname, '..');
const SIZES = [16, 32, 48] as const;

function packIco(images: ReadonlyArray<{ size: number; png: Uint8Array }>): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // width (0 means 256)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1); // height
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((i) => Buffer.from(i.png))]);
}

async function main(): Promise<void> {
  const svg = await readFile(path.join(ROOT, 'public', 'favicon.svg'));
  const src = `data:image/svg+xml;base64,${svg.toString('base64')}`;
  const browser = await chromium.launch(chromiumLaunch);
  try {
    const images: Array<{ size: number; png: Uint8Array }> = [];
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(`<img src="${src}" width="${size}" height="${size}" style="display:block">`);
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      images.push({ size, png: await page.screenshot({ omitBackground: true }) });
      await page.close();
    }
    const ico = packIco(images);
    await writeFile(path.join(ROOT, 'public', 'favicon.ico'), ico);
    console.log(`public/favicon.ico: ${SIZES.join(', ')} px, ${ico.length} bytes`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
