import 'server-only';
/**
 * Page geometry, colours and the table of the certificate PDF: a bilingual form in the manner of
 * a Chinese court's printed forms — grey label cells (Chinese over English), value cells, section
 * rows — flowed down A4 pages, a row never split across two pages.
 *
 * Coordinates are PDF points from the top-left (PDFKit's convention); y grows downwards.
 *
 * @module
 */
import type { Bilingual } from './pdf-text';

export type Doc = PDFKit.PDFDocument;

export const PAGE = { width: 595.28, height: 841.89 } as const;
export const MARGIN_X = 54;
export const TOP = 44;
export const CONTENT_WIDTH = PAGE.width - 2 * MARGIN_X;
/** Content stops here; the footer (key ID, offline check, page number) lives below. */
export const CONTENT_BOTTOM = PAGE.height - 62;

export const COLOR = {
  ink: '#1a1a1a',
  muted: '#545454',
  rule: '#9a9a94',
  heavyRule: '#3a3a3a',
  labelFill: '#f3f2ee',
  sectionFill: '#e5e3dc',
  digestBand: '#e8e6df',
  courtRed: '#a3191b',
} as const;

/** Font keys registered on every document (see render-pdf.ts). */
export type FontKey = 'serif' | 'serifBold' | 'mono';

export interface TextStyle {
  font: FontKey;
  size: number;
  color?: string;
  lineGap?: number;
  align?: 'left' | 'center' | 'right';
  characterSpacing?: number;
}

export function setStyle(doc: Doc, style: TextStyle): Doc {
  return doc
    .font(style.font)
    .fontSize(style.size)
    .fillColor(style.color ?? COLOR.ink);
}

export function textHeight(doc: Doc, text: string, width: number, style: TextStyle): number {
  setStyle(doc, style);
  return doc.heightOfString(text, { width, lineGap: style.lineGap ?? 0, characterSpacing: style.characterSpacing });
}

export function textWidth(doc: Doc, text: string, style: TextStyle): number {
  setStyle(doc, style);
  return doc.widthOfString(text, { characterSpacing: style.characterSpacing });
}

/** Draws wrapped text in a box of `width`; returns its height. */
export function drawText(doc: Doc, text: string, x: number, y: number, width: number, style: TextStyle): number {
  const height = textHeight(doc, text, width, style);
  setStyle(doc, style).text(text, x, y, {
    width,
    lineGap: style.lineGap ?? 0,
    align: style.align ?? 'left',
    characterSpacing: style.characterSpacing,
  });
  return height;
}

// ---------------------------------------------------------------------------------------------
// The table: [section | label | value] or [section | label | value | label | value]

/** The narrow first column naming each section vertically (案件, 证据, …), as on printed forms. */
const SECTION_WIDTH = 19;
const LABEL_WIDTH = 68;
const PAD_X = 5.5;
const PAD_Y = 3;
const TABLE_X = MARGIN_X + SECTION_WIDTH;
const TABLE_WIDTH = CONTENT_WIDTH - SECTION_WIDTH;
const HALF_VALUE_WIDTH = (TABLE_WIDTH - 2 * LABEL_WIDTH) / 2;

const LABEL_ZH: TextStyle = { font: 'serif', size: 8.3, color: '#2e2e2e' };
const LABEL_EN: TextStyle = { font: 'serif', size: 6.3, color: COLOR.muted };
const VALUE: Record<'serif' | 'mono', TextStyle> = {
  serif: { font: 'serif', size: 9, lineGap: 0.6 },
  mono: { font: 'mono', size: 8.2, lineGap: 0.6 },
};
const SECONDARY: Record<'serif' | 'mono', TextStyle> = {
  serif: { font: 'serif', size: 6.9, color: COLOR.muted, lineGap: 0.3 },
  mono: { font: 'mono', size: 6.6, color: COLOR.muted, lineGap: 0.3 },
};
/** Monospace values (IDs, keys) shrink to stay on one line, down to this size; then they wrap. */
const MONO_MIN_SIZE = 6.4;
const DIGEST_MAX_SIZE = 9.6;
const DIGEST_GROUP = 8;

/** What a value cell holds: a main text and an optional smaller grey line (usually the English). */
export type CellValue =
  | {
      kind: 'text';
      primary: string;
      secondary?: string;
      mono?: boolean;
      secondaryMono?: boolean;
      /** A long text (the scope statement), set a little smaller. */
      paragraph?: boolean;
    }
  | { kind: 'digest'; hex: string };

/** A label and its value; `label: null` gives the value the whole width (a paragraph). */
export interface Cell {
  label: Bilingual | null;
  value: CellValue;
}

type TextValue = Extract<CellValue, { kind: 'text' }>;

function secondaryStyle(value: TextValue): TextStyle {
  return value.paragraph ? PARAGRAPH_SECONDARY : SECONDARY[value.secondaryMono ? 'mono' : 'serif'];
}

/** A table row: one cell across the width, or two side by side. */
export type Row = [Cell] | [Cell, Cell];

const PARAGRAPH: TextStyle = { font: 'serif', size: 8.5, lineGap: 0.8 };
const PARAGRAPH_SECONDARY: TextStyle = { font: 'serif', size: 6.8, color: COLOR.muted, lineGap: 0.4 };

function primaryStyle(doc: Doc, value: TextValue, width: number): TextStyle {
  if (value.paragraph) return PARAGRAPH;
  if (!value.mono) return VALUE.serif;
  const size = width / textWidth(doc, value.primary, { font: 'mono', size: 1 });
  return size >= MONO_MIN_SIZE ? { ...VALUE.mono, size: Math.min(VALUE.mono.size, size) } : VALUE.mono;
}

function valueHeight(doc: Doc, value: CellValue, width: number): number {
  if (value.kind === 'digest') return DIGEST_MAX_SIZE * 1.45;
  let height = textHeight(doc, value.primary, width, primaryStyle(doc, value, width));
  if (value.secondary) height += 1 + textHeight(doc, value.secondary, width, secondaryStyle(value));
  return height;
}

function labelHeight(doc: Doc, label: Bilingual, width: number): number {
  return textHeight(doc, label.zh, width, LABEL_ZH) + 0.5 + textHeight(doc, label.en, width, LABEL_EN);
}

interface CellBox {
  cell: Cell;
  x: number;
  labelWidth: number;
  valueWidth: number;
}

function layoutRow(row: Row): CellBox[] {
  if (row.length === 1) {
    const labelWidth = row[0].label ? LABEL_WIDTH : 0;
    return [{ cell: row[0], x: TABLE_X, labelWidth, valueWidth: TABLE_WIDTH - labelWidth }];
  }
  return row.map((cell, i) => ({
    cell,
    x: TABLE_X + i * (LABEL_WIDTH + HALF_VALUE_WIDTH),
    labelWidth: LABEL_WIDTH,
    valueWidth: HALF_VALUE_WIDTH,
  }));
}

export function rowHeight(doc: Doc, row: Row): number {
  let inner = 0;
  for (const box of layoutRow(row)) {
    if (box.cell.label) inner = Math.max(inner, labelHeight(doc, box.cell.label, LABEL_WIDTH - 2 * PAD_X));
    inner = Math.max(inner, valueHeight(doc, box.cell.value, box.valueWidth - 2 * PAD_X));
  }
  return inner + 2 * PAD_Y;
}

/**
 * A digest on one line in monospace, every other group of 8 characters on a tinted band so it
 * can be read aloud in groups — the characters themselves stay one unbroken word, so copying
 * or `pdftotext` yields the 64 hex digits exactly.
 */
function drawDigest(doc: Doc, hex: string, x: number, y: number, width: number, height: number): void {
  const perPoint = textWidth(doc, hex, { font: 'mono', size: 1 });
  const size = Math.min(DIGEST_MAX_SIZE, width / perPoint);
  const charWidth = (perPoint * size) / hex.length;
  const band = size * 1.32;
  const top = y + (height - band) / 2;
  for (let start = DIGEST_GROUP; start < hex.length; start += 2 * DIGEST_GROUP) {
    doc.rect(x + start * charWidth, top, DIGEST_GROUP * charWidth, band).fill(COLOR.digestBand);
  }
  setStyle(doc, { font: 'mono', size }).text(hex, x, top + size * 0.02, { lineBreak: false });
}

function drawCell(doc: Doc, box: CellBox, y: number, height: number): void {
  const { cell, x, labelWidth, valueWidth } = box;
  doc.lineWidth(0.5);
  if (cell.label) {
    doc.rect(x, y, labelWidth, height).fillAndStroke(COLOR.labelFill, COLOR.rule);
    const labelInner = labelWidth - 2 * PAD_X;
    const ly = y + (height - labelHeight(doc, cell.label, labelInner)) / 2;
    const zhHeight = drawText(doc, cell.label.zh, x + PAD_X, ly, labelInner, LABEL_ZH);
    drawText(doc, cell.label.en, x + PAD_X, ly + zhHeight + 0.5, labelInner, LABEL_EN);
  }

  const vx = x + labelWidth;
  doc.rect(vx, y, valueWidth, height).stroke(COLOR.rule);
  const { value } = cell;
  const inner = valueWidth - 2 * PAD_X;
  if (value.kind === 'digest') {
    drawDigest(doc, value.hex, vx + PAD_X, y, inner, height);
    return;
  }
  // Values sit in the middle of a taller row, as on a printed form.
  let vy = y + (height - valueHeight(doc, value, inner)) / 2;
  vy += drawText(doc, value.primary, vx + PAD_X, vy, inner, primaryStyle(doc, value, inner));
  if (value.secondary) {
    drawText(doc, value.secondary, vx + PAD_X, vy + 1, inner, secondaryStyle(value));
  }
}

/** The section's name written top to bottom in its column, over the rows `top`..`bottom`. */
function drawSectionCell(doc: Doc, name: string, top: number, bottom: number): void {
  doc
    .lineWidth(0.5)
    .rect(MARGIN_X, top, SECTION_WIDTH, bottom - top)
    .fillAndStroke(COLOR.sectionFill, COLOR.rule);
  const style: TextStyle = { font: 'serifBold', size: 9, align: 'center' };
  const chars = Array.from(name);
  const step = 11.5;
  let y = (top + bottom) / 2 - (chars.length * step) / 2 + 0.5;
  for (const char of chars) {
    drawText(doc, char, MARGIN_X, y, SECTION_WIDTH, style);
    y += step;
  }
}

/** Draws the table's sections from `y` down, starting new pages as needed. */
export class Flow {
  y: number;
  /** Where the table's part on the current page began (it gets a heavier frame). */
  private tableTop: number;

  constructor(
    readonly doc: Doc,
    y: number,
    private readonly newPage: () => number,
  ) {
    this.y = y;
    this.tableTop = y;
  }

  private breakPage(): void {
    this.frame();
    this.y = this.newPage();
    this.tableTop = this.y;
  }

  private frame(): void {
    if (this.y > this.tableTop) {
      this.doc
        .lineWidth(1)
        .rect(MARGIN_X, this.tableTop, CONTENT_WIDTH, this.y - this.tableTop)
        .stroke(COLOR.heavyRule);
    }
  }

  /**
   * A section: kept on one page when it fits on one; otherwise its rows flow on and each page's
   * part gets its own section cell.
   */
  section(name: string, rows: Row[]): void {
    const { doc } = this;
    const heights = rows.map((row) => rowHeight(doc, row));
    const total = heights.reduce((a, b) => a + b, 0);
    if (total <= CONTENT_BOTTOM - TOP && this.y + total > CONTENT_BOTTOM) this.breakPage();
    let top = this.y;
    rows.forEach((row, i) => {
      const height = heights[i] ?? 0;
      if (this.y + height > CONTENT_BOTTOM) {
        if (this.y > top) drawSectionCell(doc, name, top, this.y);
        this.breakPage();
        top = this.y;
      }
      for (const box of layoutRow(row)) drawCell(doc, box, this.y, height);
      this.y += height;
    });
    drawSectionCell(doc, name, top, this.y);
  }

  /** Closes the table; then `height` points of other content follow, on a new page if need be. */
  end(gap: number, height: number): number {
    this.frame();
    this.y += gap;
    if (this.y + height > CONTENT_BOTTOM) this.y = this.newPage();
    return this.y;
  }
}
