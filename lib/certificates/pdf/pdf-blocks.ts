import 'server-only';
/**
 * The fixed blocks of the certificate PDF around its table: the court's header, the verdict,
 * the revocation banner and watermark, the check-and-issue block (QR code, URL, issuer,
 * electronic-signature box) and the footer of every page.
 *
 * @module
 */
import type { CertificateBody } from '../format/certificate-body';
import { formatCheckCode } from '../format/check-code';
import {
  COLOR,
  CONTENT_WIDTH,
  type Doc,
  drawText,
  MARGIN_X,
  PAGE,
  setStyle,
  type TextStyle,
  TOP,
  textHeight,
  textWidth,
} from './pdf-layout';
import { drawQr } from './pdf-qr';
import { BEIJING_TIME_NOTE, beijingTime, VERDICT_SYMBOL, type Verdict, verdictSentence, verdictWord } from './pdf-text';

const VERDICT_COLOR: Record<Verdict, { ink: string; tint: string }> = {
  consistent: { ink: '#1d6638', tint: '#eef5ef' },
  tampered: { ink: COLOR.courtRed, tint: '#fbefee' },
  not_found: { ink: '#7f5200', tint: '#fbf5e6' },
  pending: { ink: '#7f5200', tint: '#fbf5e6' },
  invalid_proof: { ink: COLOR.courtRed, tint: '#fbefee' },
};

/**
 * The letterhead every certificate the court signs opens with: the issuer's names in red, a double
 * red rule, the document's title in spaced Chinese and English; returns the y below them.
 */
export function drawLetterhead(
  doc: Doc,
  issuer: { nameZh: string; nameEn: string },
  title: { zh: string; en: string },
): number {
  let y = TOP;
  const red = { color: COLOR.courtRed, align: 'center' } as const;
  y += drawText(doc, issuer.nameZh, MARGIN_X, y, CONTENT_WIDTH, {
    ...red,
    font: 'serifBold',
    size: 16,
    characterSpacing: 1.5,
  });
  y += drawText(doc, issuer.nameEn, MARGIN_X, y, CONTENT_WIDTH, { ...red, font: 'serif', size: 8.5 });
  y += 5;
  doc
    .lineWidth(1.6)
    .moveTo(MARGIN_X, y)
    .lineTo(MARGIN_X + CONTENT_WIDTH, y)
    .stroke(COLOR.courtRed);
  doc
    .lineWidth(0.5)
    .moveTo(MARGIN_X, y + 3)
    .lineTo(MARGIN_X + CONTENT_WIDTH, y + 3)
    .stroke(COLOR.courtRed);
  y += 8;
  // Letter spacing also follows the last character; shift right by half of it so the title centres.
  y += drawText(doc, title.zh, MARGIN_X + 6, y, CONTENT_WIDTH, {
    font: 'serifBold',
    size: 21,
    align: 'center',
    characterSpacing: 12,
  });
  y += drawText(doc, title.en, MARGIN_X + 1.5, y, CONTENT_WIDTH, {
    font: 'serif',
    size: 9,
    color: COLOR.muted,
    align: 'center',
    characterSpacing: 3,
  });
  return y;
}

/** Court name, red rule, title, certificate number and check code; returns the y below them. */
export function drawHeader(doc: Doc, body: CertificateBody, checkCode: string): number {
  let y = drawLetterhead(doc, body.court, { zh: '核验证书', en: 'VERIFICATION CERTIFICATE' });
  y += 4;
  // The number and the check code people type on the lookup page, side by side.
  const labelStyle = { font: 'serif', size: 8.5, color: COLOR.muted } as const;
  const numberStyle = { font: 'serifBold', size: 10 } as const;
  const codeStyle = { font: 'mono', size: 10 } as const;
  const parts = [
    { text: '证书编号 Certificate No.  ', style: labelStyle, dy: 1.2 },
    { text: body.number, style: numberStyle, dy: 0 },
    { text: '      校验码 Check code  ', style: labelStyle, dy: 1.2 },
    { text: formatCheckCode(checkCode), style: codeStyle, dy: 1 },
  ];
  let x = MARGIN_X + (CONTENT_WIDTH - parts.reduce((sum, p) => sum + textWidth(doc, p.text, p.style), 0)) / 2;
  for (const part of parts) {
    setStyle(doc, part.style).text(part.text, x, y + part.dy, { lineBreak: false });
    x += textWidth(doc, part.text, part.style);
  }
  return y + 16;
}

/** A full-width red banner saying the certificate has been revoked; returns the y below it. */
export function drawRevokedBanner(doc: Doc, y: number): number {
  const height = 30;
  doc.rect(MARGIN_X, y, CONTENT_WIDTH, height).fill(COLOR.courtRed);
  const style = { color: '#ffffff', align: 'center' } as const;
  drawText(doc, '本证书已被撤销，不得再作为核验依据', MARGIN_X, y + 3.5, CONTENT_WIDTH, {
    ...style,
    font: 'serifBold',
    size: 10,
  });
  const en = 'REVOKED — this certificate has been withdrawn and must not be relied on';
  drawText(doc, en, MARGIN_X, y + 17, CONTENT_WIDTH, { ...style, font: 'serif', size: 8 });
  return y + height + 5;
}

function drawSymbol(doc: Doc, verdict: Verdict, cx: number, cy: number, r: number): void {
  doc.circle(cx, cy, r).fill(VERDICT_COLOR[verdict].ink);
  doc
    .save()
    .lineWidth(r * 0.2)
    .lineCap('round')
    .lineJoin('round')
    .strokeColor('#ffffff');
  switch (VERDICT_SYMBOL[verdict]) {
    case 'check':
      doc
        .moveTo(cx - 0.45 * r, cy + 0.02 * r)
        .lineTo(cx - 0.12 * r, cy + 0.36 * r)
        .lineTo(cx + 0.48 * r, cy - 0.34 * r)
        .stroke();
      break;
    case 'cross':
      doc
        .moveTo(cx - 0.4 * r, cy - 0.4 * r)
        .lineTo(cx + 0.4 * r, cy + 0.4 * r)
        .stroke();
      doc
        .moveTo(cx + 0.4 * r, cy - 0.4 * r)
        .lineTo(cx - 0.4 * r, cy + 0.4 * r)
        .stroke();
      break;
    case 'clock':
      doc
        .lineWidth(r * 0.12)
        .circle(cx, cy, r * 0.6)
        .stroke();
      doc
        .moveTo(cx, cy - 0.38 * r)
        .lineTo(cx, cy)
        .lineTo(cx + 0.3 * r, cy + 0.18 * r)
        .stroke();
      break;
    case 'question':
    case 'exclamation': {
      const glyph = VERDICT_SYMBOL[verdict] === 'question' ? '?' : '!';
      const style = { font: 'serifBold', size: r * 1.35, color: '#ffffff', align: 'center' } as const;
      drawText(doc, glyph, cx - r, cy - r * 0.88, 2 * r, style);
      break;
    }
  }
  doc.restore();
}

/** The verdict: symbol, words in both languages, and what it means; returns the y below it. */
export function drawVerdict(doc: Doc, body: CertificateBody, y: number): number {
  const { ink, tint } = VERDICT_COLOR[body.verdict];
  const word = verdictWord(body.verdict);
  const sentence = verdictSentence(body);
  const r = 17;
  const textX = MARGIN_X + 14 + 2 * r + 14;
  const textW = MARGIN_X + CONTENT_WIDTH - 12 - textX;
  const zhStyle = { font: 'serif', size: 9.3, lineGap: 1 } as const;
  const enStyle = { font: 'serif', size: 7.8, color: COLOR.muted, lineGap: 0.5 } as const;
  const wordHeight = 26;
  const height =
    8 +
    wordHeight +
    textHeight(doc, sentence.zh, textW, zhStyle) +
    1.5 +
    textHeight(doc, sentence.en, textW, enStyle) +
    8;

  doc.lineWidth(1.4).rect(MARGIN_X, y, CONTENT_WIDTH, height).fillAndStroke(tint, ink);
  drawSymbol(doc, body.verdict, MARGIN_X + 14 + r, y + height / 2, r);
  let ty = y + 7;
  const zhWord = { font: 'serifBold', size: 19, color: ink } as const;
  drawText(doc, word.zh, textX, ty, textW, zhWord);
  const enWord = { font: 'serifBold', size: 12.5, color: ink, characterSpacing: 0.6 } as const;
  const enX = textX + textWidth(doc, word.zh, zhWord) + 10;
  drawText(doc, word.en.toUpperCase(), enX, ty + 6.9, textW, enWord);
  const tagStyle = { font: 'serif', size: 7.5, color: COLOR.muted, align: 'right' } as const;
  drawText(doc, '核验结论 Verdict', textX, ty + 2, textW, tagStyle);
  ty += wordHeight;
  ty += drawText(doc, sentence.zh, textX, ty, textW, zhStyle) + 1.5;
  drawText(doc, sentence.en, textX, ty, textW, enStyle);
  return y + height;
}

/**
 * Splits monospace text into lines of at most `perLine` characters, after a `/` where possible.
 * Never after a hyphen: text extractors (pdftotext, copy and paste) take a line-final hyphen for
 * a hyphenated word and drop it, which would change the URL.
 */
export function wrapMono(text: string, perLine: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > perLine) {
    const slash = rest.slice(0, perLine).lastIndexOf('/');
    let cut = slash >= perLine / 2 ? slash + 1 : perLine;
    if (rest[cut - 1] === '-') cut -= 1;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  lines.push(rest);
  return lines;
}

/** The check block is at least this tall (the QR code and its caption). */
export const CHECK_BLOCK_MIN_HEIGHT = 104;
const QR_CELL = 102;
const TEXT_CELL = 230;
const ISSUER_W = CONTENT_WIDTH - QR_CELL - TEXT_CELL;

interface Line {
  text: string;
  style: TextStyle;
  /** Space above the line. */
  gap?: number;
  /** Monospace lines are wrapped by wrapMono (never at a hyphen), each drawn unbroken. */
  mono?: boolean;
  link?: string;
}

/** The lookup page beside the check page: `<origin>/certificates`. */
export function lookupUrl(checkUrl: string): string {
  return new URL('/certificates', checkUrl).toString();
}

function textLines(checkUrl: string): Line[] {
  const zh = { font: 'serif', size: 7.6 } as const;
  const en = { font: 'serif', size: 6.6, color: COLOR.muted } as const;
  return [
    { text: '在线核验（长期有效） Check online, no expiry', style: { font: 'serifBold', size: 9.3 } },
    { text: '扫码或访问以下网址，查看本证书及其当前状态：', style: zh, gap: 1.5 },
    { text: checkUrl, style: { font: 'mono', size: 7 }, gap: 1.5, mono: true, link: checkUrl },
    // The offline check is in every page's footer.
    { text: `或在本网站 ${new URL(lookupUrl(checkUrl)).pathname} 页输入证书编号和校验码`, style: zh, gap: 2 },
    { text: 'Scan, open the address, or enter the number and check code at /certificates.', style: en },
  ];
}

/** The heights of the lines in a column of `width`. */
function measure(doc: Doc, lines: readonly Line[], width: number): number {
  let height = 0;
  for (const line of lines) {
    height += line.gap ?? 0;
    if (line.mono) {
      height += wrapMono(line.text, monoPerLine(doc, line.style, width)).length * line.style.size * 1.3;
    } else height += textHeight(doc, line.text, width, line.style);
  }
  return height;
}

function monoPerLine(doc: Doc, style: TextStyle, width: number): number {
  return Math.floor(width / (textWidth(doc, '0', style) || 1));
}

function drawLines(doc: Doc, lines: readonly Line[], x: number, y: number, width: number): number {
  let ty = y;
  for (const line of lines) {
    ty += line.gap ?? 0;
    if (line.mono) {
      const top = ty;
      for (const part of wrapMono(line.text, monoPerLine(doc, line.style, width))) {
        setStyle(doc, line.style).text(part, x, ty, { lineBreak: false });
        ty += line.style.size * 1.3;
      }
      if (line.link) doc.link(x, top, width, ty - top, line.link);
    } else ty += drawText(doc, line.text, x, ty, width, line.style);
  }
  return ty;
}

function issuerLines(body: CertificateBody): Line[] {
  const small = { font: 'serif', size: 6.6, color: COLOR.muted } as const;
  return [
    { text: '签发人（书记员） Issued by the clerk', style: small },
    { text: body.issuer.name, style: { font: 'serif', size: 8.6 } },
    { text: `签发时间 Issued at, ${BEIJING_TIME_NOTE.en}`, style: small, gap: 1.5 },
    { text: beijingTime(body.issuedAt), style: { font: 'serif', size: 8.6 } },
  ];
}

/**
 * The lines inside the electronic-signature box. The court's name stays on one line when it fits
 * at 9.5 pt; a longer one (北京市第四中级人民法院知识产权审判庭) is broken into two balanced
 * halves, set as large as the longer half fits — never a word left alone on a line, never a line
 * running over the border.
 */
function sealLines(doc: Doc, body: CertificateBody, keyId: string, inner: number): Line[] {
  const red = { color: COLOR.courtRed, align: 'center' } as const;
  const nameStyle = (size: number) => ({ ...red, font: 'serifBold', size, characterSpacing: 0.8 }) as const;
  const fits = (text: string, size: number) => textWidth(doc, text, nameStyle(size)) <= inner - 1;
  const largest = (text: string) => {
    let size = 9.5;
    while (size > 5 && !fits(text, size)) size -= 0.25;
    return size;
  };
  const name = body.court.nameZh;
  let names: Line[];
  if (fits(name, 9.5)) names = [{ text: name, style: nameStyle(9.5) }];
  else {
    const chars = [...name];
    const half = Math.ceil(chars.length / 2);
    const halves = [chars.slice(0, half).join(''), chars.slice(half).join('')];
    const size = Math.min(...halves.map(largest));
    names = halves.map((text) => ({ text, style: nameStyle(size) }));
  }
  return [
    ...names,
    { text: '电子签名 Signed electronically', style: { ...red, font: 'serif', size: 6.6 }, gap: 1.5 },
    { text: `Ed25519 · key ID ${keyId}`, style: { ...red, font: 'mono', size: 6.2 } },
  ];
}

const SEAL_PAD = 3;
const SEAL_INSET = 2.5;

function sealInner(): number {
  return ISSUER_W - 16 - 2 * (SEAL_INSET + SEAL_PAD);
}

/** The check block's height for this certificate: the taller column, at least the QR code's. */
export function checkBlockHeight(doc: Doc, file: { body: CertificateBody; keyId: string }, checkUrl: string): number {
  const text = 9 + measure(doc, textLines(checkUrl), TEXT_CELL - 8) + 8;
  const seal = measure(doc, sealLines(doc, file.body, file.keyId, sealInner()), sealInner());
  const issuer = 6 + measure(doc, issuerLines(file.body), ISSUER_W - 16) + 3 + seal + 2 * (SEAL_INSET + SEAL_PAD) + 5;
  return Math.ceil(Math.max(CHECK_BLOCK_MIN_HEIGHT, text, issuer));
}

/** QR code; how to check online (the page, or the lookup by number and check code) and offline; issuer and electronic-signature box. */
export function drawCheckBlock(doc: Doc, file: { body: CertificateBody; keyId: string }, checkUrl: string, y: number) {
  const { body, keyId } = file;
  const height = checkBlockHeight(doc, file, checkUrl);
  const issuerX = MARGIN_X + QR_CELL + TEXT_CELL;
  doc.lineWidth(1).rect(MARGIN_X, y, CONTENT_WIDTH, height).stroke(COLOR.heavyRule);
  doc
    .lineWidth(0.5)
    .moveTo(issuerX, y)
    .lineTo(issuerX, y + height)
    .stroke(COLOR.rule);

  const qrSide = 90;
  drawQr(doc, checkUrl, MARGIN_X + 6, y + 3, qrSide);
  drawText(doc, '扫码核验 Scan to check', MARGIN_X + 6, y + qrSide + 2, qrSide, {
    font: 'serif',
    size: 6.8,
    color: COLOR.muted,
    align: 'center',
  });

  drawLines(doc, textLines(checkUrl), MARGIN_X + QR_CELL, y + 9, TEXT_CELL - 8);

  // Who issued it, and a box standing for the court's electronic signature (a box, not an
  // imitation of the red seal: what authenticates this certificate is the Ed25519 signature),
  // sized to its text so no line touches the border.
  const rx = issuerX + 8;
  const rw = ISSUER_W - 16;
  const ty = drawLines(doc, issuerLines(body), rx, y + 6, rw);
  const inner = sealInner();
  const seal = sealLines(doc, body, keyId, inner);
  const contentHeight = measure(doc, seal, inner);
  const boxY = ty + 3;
  const boxH = Math.max(y + height - 5 - boxY, contentHeight + 2 * (SEAL_INSET + SEAL_PAD));
  doc.lineWidth(1.2).rect(rx, boxY, rw, boxH).stroke(COLOR.courtRed);
  doc
    .lineWidth(0.4)
    .rect(rx + SEAL_INSET, boxY + SEAL_INSET, rw - 2 * SEAL_INSET, boxH - 2 * SEAL_INSET)
    .stroke(COLOR.courtRed);
  drawLines(doc, seal, rx + SEAL_INSET + SEAL_PAD, boxY + (boxH - contentHeight) / 2, inner);
}

/** The footer of one page: the key and the offline check, and the page number if there are several. */
export function drawFooter(doc: Doc, keyId: string, page: number, pages: number): void {
  const y = PAGE.height - 56;
  doc
    .lineWidth(0.5)
    .moveTo(MARGIN_X, y)
    .lineTo(MARGIN_X + CONTENT_WIDTH, y)
    .stroke(COLOR.rule);
  const zh = `经法院签名的证书数据作为附件 certificate.json 附于本 PDF，可用 npx verity verify-certificate 离线核验。法院密钥 ID：${keyId}（Ed25519）`;
  const en = `The signed data is attached to this PDF as certificate.json; check it offline with \`npx verity verify-certificate\`. Court key ID ${keyId} (Ed25519).`;
  let ty = y + 5;
  ty += drawText(doc, zh, MARGIN_X, ty, CONTENT_WIDTH, { font: 'serif', size: 7, color: COLOR.muted, align: 'center' });
  ty += drawText(doc, en, MARGIN_X, ty + 1, CONTENT_WIDTH, {
    font: 'serif',
    size: 6.4,
    color: COLOR.muted,
    align: 'center',
  });
  if (pages > 1) {
    drawText(doc, `第 ${page} 页 共 ${pages} 页 · Page ${page} of ${pages}`, MARGIN_X, ty + 5, CONTENT_WIDTH, {
      font: 'serif',
      size: 7.5,
      align: 'center',
    });
  }
}

/** A light diagonal 已撤销 REVOKED across the page, over everything, so no copy hides it. */
export function drawRevokedWatermark(doc: Doc): void {
  doc.save();
  doc.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
  doc.fillOpacity(0.13);
  drawText(doc, '已撤销 REVOKED', 0, PAGE.height / 2 - 40, PAGE.width, {
    font: 'serifBold',
    size: 68,
    color: COLOR.courtRed,
    align: 'center',
  });
  doc.restore();
}

/** A one-line running head on continuation pages; returns the y below it. */
export function drawContinuationHead(doc: Doc, body: CertificateBody): number {
  const text = `${body.court.nameZh} 核验证书 ${body.number}（续） Verification Certificate, continued`;
  drawText(doc, text, MARGIN_X, TOP, CONTENT_WIDTH, { font: 'serif', size: 8, color: COLOR.muted });
  doc
    .lineWidth(0.5)
    .moveTo(MARGIN_X, TOP + 14)
    .lineTo(MARGIN_X + CONTENT_WIDTH, TOP + 14)
    .stroke(COLOR.rule);
  return TOP + 22;
}
