import 'server-only';
import { anchorRows } from '@/lib/certificates/pdf/pdf-anchors';
/**
 * The deposit certificate (存证证书) as a PDF a depositor keeps: A4, Chinese with English beneath,
 * one table section per deposit (title, file name when known, deposit ID, time, 链上序号 N（共 M 条）,
 * depositor, both digests whole) each followed by a QR code of that deposit's public check, and
 * the signed certificate attached as `certificate.json` — the verification certificate's approach
 * and building blocks (lib/certificates/pdf: fonts, table flow, QR drawing, attachment name), so
 * `extractAttachedCertificate` and `npx verity verify-certificate` read it. Its title, running
 * head and footer say 存证证书 / Deposit certificate, never 核验证书.
 *
 * Deterministic for the same file: every date is `issuedAt`, no random IDs.
 *
 * @module
 */
import { drawLetterhead } from '@/lib/certificates/pdf/pdf-blocks';
import { newCertificateDocument } from '@/lib/certificates/pdf/pdf-document';
import {
  COLOR,
  CONTENT_BOTTOM,
  CONTENT_WIDTH,
  type Doc,
  drawText,
  Flow,
  MARGIN_X,
  PAGE,
  type Row,
  rowHeight,
  TOP,
  textWidth,
} from '@/lib/certificates/pdf/pdf-layout';
import { drawQr } from '@/lib/certificates/pdf/pdf-qr';
import { BEIJING_TIME_NOTE, beijingTime, fileSize } from '@/lib/certificates/pdf/pdf-text';
import { witnessedRow, witnessListRows } from '@/lib/certificates/pdf/pdf-witnesses';
import { parseCheckpoint, parseSignedNote, parseTlogProof } from '@/lib/tlog';
import {
  type CertifiedDeposit,
  type DepositCertificateFile,
  ZDepositCertificateFile,
} from './format/deposit-certificate-body';

const QR_BLOCK_HEIGHT = 92;
const CLOSING_HEIGHT = 96;
const beijing = `${BEIJING_TIME_NOTE.zh} ${BEIJING_TIME_NOTE.en}`;

/** "record N of M": N = leaf index + 1, M = the size of the checkpoint the proof reaches. */
export function recordPosition(deposit: Pick<CertifiedDeposit, 'leafIndex' | 'tlogProof'>): { zh: string; en: string } {
  const n = (deposit.leafIndex + 1).toLocaleString('en-US');
  let m: string | null = null;
  try {
    const { checkpoint } = parseTlogProof(deposit.tlogProof);
    m = parseCheckpoint(parseSignedNote(checkpoint).text).size.toLocaleString('en-US');
  } catch {
    // The PDF prints what the body says; checking the proof is the checker's job.
  }
  return m === null
    ? { zh: `链上序号 ${n}`, en: `record ${n}` }
    : { zh: `链上序号 ${n}（共 ${m} 条）`, en: `record ${n} of ${m}` };
}

function depositRows(file: DepositCertificateFile, deposit: CertifiedDeposit): Row[] {
  const position = recordPosition(deposit);
  const rows: Row[] = [
    [
      {
        label: { zh: '标题', en: 'Title' },
        value: deposit.title
          ? { kind: 'text', primary: deposit.title }
          : { kind: 'text', primary: '（未保存标题）', secondary: 'No title was kept for this deposit' },
      },
    ],
  ];
  if (deposit.file) {
    rows.push([
      {
        label: { zh: '文件名', en: 'File name' },
        value: { kind: 'text', primary: deposit.file.name, secondary: fileSize(deposit.file.size) },
      },
    ]);
  }
  rows.push(
    [{ label: { zh: '存证编号', en: 'Deposit ID' }, value: { kind: 'text', primary: deposit.id, mono: true } }],
    [
      {
        label: { zh: '存证时间', en: 'Deposited at' },
        value: { kind: 'text', primary: beijingTime(deposit.depositedAt), secondary: beijing },
      },
      {
        label: { zh: '链上序号', en: 'Record' },
        value: { kind: 'text', primary: position.zh, secondary: position.en },
      },
    ],
    [{ label: { zh: '存证方', en: 'Depositor' }, value: { kind: 'text', primary: file.body.depositor.name } }],
  );
  if (deposit.digests.sha256) {
    rows.push([
      { label: { zh: 'SHA-256 摘要', en: 'SHA-256' }, value: { kind: 'digest', hex: deposit.digests.sha256 } },
    ]);
  }
  if (deposit.digests.sm3) {
    rows.push([{ label: { zh: 'SM3 摘要', en: 'SM3' }, value: { kind: 'digest', hex: deposit.digests.sm3 } }]);
  }
  // A log with witnesses (body version 2): who vouched for this deposit's checkpoint.
  if (file.body.version === 2 && 'witnessed' in deposit)
    rows.push(witnessedRow(file.body.witnessPolicy, deposit.witnessed));
  // Where the deposit's checkpoint is anchored (issue #19), when it is.
  if (deposit.anchor) rows.push(...anchorRows(deposit.anchor));
  return rows;
}

function drawHeader(doc: Doc, file: DepositCertificateFile): number {
  const { body } = file;
  let y = drawLetterhead(doc, body.issuer, { zh: '存证证书', en: 'DEPOSIT CERTIFICATE' });
  y += 3;
  y += drawText(doc, `证书 ID Certificate ID  ${body.id}`, MARGIN_X, y, CONTENT_WIDTH, {
    font: 'serif',
    size: 7.5,
    color: COLOR.muted,
    align: 'center',
  });
  y += 8;
  const count = body.deposits.length;
  const zh = `兹证明：下列${count > 1 ? ` ${count} 份` : ''}文件的摘要已由${body.depositor.name}存证到存证链，存证时间、摘要和链上序号如下。本证书证明的是存证的事实：文件自存证时起是否未被修改，可用文件本身在核验页面核对；它不证明文件内容在存证前是否真实。`;
  const en = `This certifies that the digests of the ${count > 1 ? `${count} files` : 'file'} below were deposited on the evidence ledger by ${body.depositor.name}, at the times and with the record numbers shown. It certifies the deposit: whether a file is unchanged since then is checked with the file itself on the check page; it does not show that the content was true before the deposit.`;
  y += drawText(doc, zh, MARGIN_X, y, CONTENT_WIDTH, { font: 'serif', size: 9, lineGap: 1 });
  y +=
    2 +
    drawText(doc, en, MARGIN_X, y + 2, CONTENT_WIDTH, { font: 'serif', size: 7.2, color: COLOR.muted, lineGap: 0.5 });
  return y + 8;
}

function drawRunningHead(doc: Doc, file: DepositCertificateFile): number {
  const text = `${file.body.issuer.nameZh} 存证证书（续） Deposit certificate, continued · ${file.body.id}`;
  drawText(doc, text, MARGIN_X, TOP, CONTENT_WIDTH, { font: 'serif', size: 8, color: COLOR.muted });
  doc
    .lineWidth(0.5)
    .moveTo(MARGIN_X, TOP + 14)
    .lineTo(MARGIN_X + CONTENT_WIDTH, TOP + 14)
    .stroke(COLOR.rule);
  return TOP + 22;
}

/** The QR code of the deposit's public check, and its address in words. */
function drawQrBlock(doc: Doc, deposit: CertifiedDeposit, y: number): void {
  const side = 84;
  doc
    .lineWidth(0.5)
    .rect(MARGIN_X, y, CONTENT_WIDTH, QR_BLOCK_HEIGHT - 8)
    .stroke(COLOR.rule);
  drawQr(doc, deposit.checkUrl, MARGIN_X + 3, y + 1, side - 2);
  const tx = MARGIN_X + side + 10;
  const tw = CONTENT_WIDTH - side - 18;
  let ty = y + 10;
  ty += drawText(doc, '扫码核验此存证', tx, ty, tw, { font: 'serifBold', size: 9.3 });
  ty += drawText(doc, 'Scan to check this deposit', tx, ty, tw, { font: 'serif', size: 7.2, color: COLOR.muted }) + 3;
  ty += drawText(doc, '在核验页面选择文件，即可核对它是否就是此次存证的文件（文件不会上传）：', tx, ty, tw, {
    font: 'serif',
    size: 7.6,
  });
  ty += drawText(
    doc,
    'Choose the file on the check page to see whether it is the file deposited (it is not uploaded):',
    tx,
    ty + 0.5,
    tw,
    {
      font: 'serif',
      size: 6.6,
      color: COLOR.muted,
    },
  );
  ty += 4;
  const size = 7;
  const perLine = Math.max(1, Math.floor(tw / (textWidth(doc, '0', { font: 'mono', size }) || 1)));
  const top = ty;
  for (let at = 0; at < deposit.checkUrl.length; at += perLine) {
    drawText(doc, deposit.checkUrl.slice(at, at + perLine), tx, ty, tw, { font: 'mono', size });
    ty += size * 1.3;
  }
  doc.link(tx, top, tw, ty - top, deposit.checkUrl);
}

/** How to check it offline, and who signed. */
function drawClosing(doc: Doc, file: DepositCertificateFile, y: number): void {
  const { body, signature } = file;
  const half = CONTENT_WIDTH * 0.58;
  doc.lineWidth(1).rect(MARGIN_X, y, CONTENT_WIDTH, CLOSING_HEIGHT).stroke(COLOR.heavyRule);
  let ty = y + 8;
  const tx = MARGIN_X + 8;
  const tw = half - 14;
  ty += drawText(doc, '离线核验', tx, ty, tw, { font: 'serifBold', size: 9.3 });
  ty += drawText(doc, 'Check offline', tx, ty, tw, { font: 'serif', size: 7.2, color: COLOR.muted }) + 3;
  ty += drawText(
    doc,
    '本 PDF 附有签名的证书数据 certificate.json，内含每次存证的链上记录和收录证明。无需联网即可核对：npx verity verify-certificate <本文件>',
    tx,
    ty,
    tw,
    { font: 'serif', size: 7.6, lineGap: 0.5 },
  );
  drawText(
    doc,
    "The signed data is attached as certificate.json, with each deposit's ledger record and proof. Check it with no network: npx verity verify-certificate <this PDF>",
    tx,
    ty + 1,
    tw,
    { font: 'serif', size: 6.6, color: COLOR.muted, lineGap: 0.3 },
  );

  const rx = MARGIN_X + half + 6;
  const rw = CONTENT_WIDTH - half - 14;
  let ry = y + 8;
  ry += drawText(doc, `出具时间  ${beijingTime(body.issuedAt)}`, rx, ry, rw, { font: 'serif', size: 8.6 });
  ry += drawText(doc, `Issued at, ${BEIJING_TIME_NOTE.en}`, rx, ry, rw, {
    font: 'serif',
    size: 6.6,
    color: COLOR.muted,
  });
  const boxY = ry + 5;
  const boxH = y + CLOSING_HEIGHT - 7 - boxY;
  doc.lineWidth(1.2).rect(rx, boxY, rw, boxH).stroke(COLOR.courtRed);
  const red = { color: COLOR.courtRed, align: 'center' } as const;
  let by = boxY + 6;
  by += drawText(doc, body.issuer.nameZh, rx + 4, by, rw - 8, { ...red, font: 'serifBold', size: 9 });
  by += drawText(doc, '电子签名 Signed electronically', rx + 4, by, rw - 8, { ...red, font: 'serif', size: 6.6 });
  drawText(doc, `Ed25519 · key ID ${signature.keyId}`, rx + 4, by, rw - 8, { ...red, font: 'mono', size: 6.2 });
}

function drawFooter(doc: Doc, file: DepositCertificateFile, page: number, pages: number): void {
  const y = PAGE.height - 56;
  doc
    .lineWidth(0.5)
    .moveTo(MARGIN_X, y)
    .lineTo(MARGIN_X + CONTENT_WIDTH, y)
    .stroke(COLOR.rule);
  const muted = { font: 'serif', size: 7, color: COLOR.muted, align: 'center' } as const;
  let ty = y + 5;
  ty += drawText(
    doc,
    `存证证书：证明存证的事实，不是法院的核验证书。签名密钥 ID：${file.signature.keyId}（Ed25519）`,
    MARGIN_X,
    ty,
    CONTENT_WIDTH,
    muted,
  );
  ty += drawText(
    doc,
    `Deposit certificate: it certifies a deposit and is not a court's verification certificate. Key ID ${file.signature.keyId} (Ed25519).`,
    MARGIN_X,
    ty + 1,
    CONTENT_WIDTH,
    { ...muted, size: 6.4 },
  );
  if (pages > 1) {
    drawText(doc, `第 ${page} 页 共 ${pages} 页 · Page ${page} of ${pages}`, MARGIN_X, ty + 5, CONTENT_WIDTH, {
      font: 'serif',
      size: 7.5,
      align: 'center',
    });
  }
}

/** Renders the certificate; throws a ZodError if `file` is not a valid deposit certificate file. */
export async function renderDepositCertificatePdf(input: DepositCertificateFile): Promise<Uint8Array> {
  const file = ZDepositCertificateFile.parse(input);
  const { body } = file;
  const issuedAt = new Date(body.issuedAt);
  const { doc, finish } = newCertificateDocument({
    title: `存证证书 Deposit Certificate ${body.deposits.length === 1 ? (body.deposits[0]?.title ?? body.deposits[0]?.id) : `(${body.deposits.length})`}`,
    subject: body.deposits.map((d) => d.id).join(' '),
    author: `${body.issuer.nameZh} ${body.issuer.nameEn}`,
    keywords: `verity-deposit-certificate ${body.id}`,
    issuedAt,
  });
  let y = drawHeader(doc, file);
  const newPage = () => {
    doc.addPage();
    return drawRunningHead(doc, file);
  };
  body.deposits.forEach((deposit, i) => {
    // A deposit's table and its QR code stay on one page.
    const rows = depositRows(file, deposit);
    const height = rows.reduce((sum, row) => sum + rowHeight(doc, row), 0) + QR_BLOCK_HEIGHT;
    if (y + height > CONTENT_BOTTOM) y = newPage();
    const flow = new Flow(doc, y, newPage);
    flow.section(body.deposits.length === 1 ? '存证' : `存证${i + 1}`, rows);
    y = flow.end(0, QR_BLOCK_HEIGHT);
    drawQrBlock(doc, deposit, y);
    y += QR_BLOCK_HEIGHT;
  });
  if (body.version === 2) {
    // The witness list and their keys, once for every deposit: the technical part of who vouched.
    const rows = witnessListRows(body.witnessPolicy);
    const height = rows.reduce((sum, row) => sum + rowHeight(doc, row), 0);
    if (y + height > CONTENT_BOTTOM) y = newPage();
    const flow = new Flow(doc, y, newPage);
    flow.section('见证', rows);
    y = flow.end(8, 0);
  }
  if (y + CLOSING_HEIGHT > CONTENT_BOTTOM) y = newPage();
  drawClosing(doc, file, y);

  return finish(
    file,
    '经签名的存证证书数据（RFC 8785 JSON） / The signed deposit certificate data (RFC 8785 JSON)',
    (page, pages) => drawFooter(doc, file, page, pages),
  );
}
