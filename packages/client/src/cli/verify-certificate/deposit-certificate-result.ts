/**
 * `verity verify-certificate` for a deposit certificate (存证证书, lib/deposit-certificates/format):
 * its checks as lines (`deposit 2 leaf: …` for a deposit's own), what it states, and with
 * `--file` which deposit the file in hand is. A deposit certificate is not stored or revoked, so
 * `--online` asks nothing for it.
 *
 * @module
 */

import type { VerifyCertificateOptions } from '@/lib/certificates/format/verify-certificate';
import type { DepositCertificateFile } from '@/lib/deposit-certificates/format/deposit-certificate-body';
import { verifyDepositCertificate } from '@/lib/deposit-certificates/format/verify-deposit-certificate';
import type { CommandResult } from '../command';
import { EXIT } from '../exit-codes';
import { type AnchorLinesOptions, depositAnchorLines } from './anchor-lines';
import { courtTime } from './check-online-status';
import { witnessLines } from './witness-lines';

interface Line {
  name: string;
  ok: boolean;
  message: string;
  /** False: not made (a chain anchor without --rpc). */
  checked?: boolean;
}

export async function depositCertificateResult(
  out: string[],
  lines: Line[],
  json: Uint8Array,
  options: VerifyCertificateOptions,
  online: boolean,
  anchors: AnchorLinesOptions,
): Promise<CommandResult> {
  const check = verifyDepositCertificate(json, {
    courtPublicKey: options.courtPublicKey,
    logVerifierKey: options.logVerifierKey,
    witnessKeys: options.witnessKeys,
  });
  for (const c of check.checks) {
    lines.push({
      name: c.deposit === undefined ? c.name : `deposit ${c.deposit} ${c.name}`,
      ok: c.ok,
      message: c.message,
    });
  }
  if (check.file) {
    out.push(...statedFacts(check.file), ...witnessLines(check.file.body, check.witnessing));
    // Each deposit's anchors (issue #19), against its own proof's checkpoint.
    const { body } = check.file;
    for (const [i, deposit] of body.deposits.entries()) {
      if (!deposit.anchor) continue;
      const checked = await depositAnchorLines(
        {
          anchor: deposit.anchor,
          leafIndex: deposit.leafIndex,
          tlogProof: deposit.tlogProof,
          origin: body.log.origin,
          verifierKey: check.logKey?.verifierKey ?? body.log.verifierKey,
        },
        { ...anchors, prefix: `deposit ${i + 1} ` },
      );
      lines.push(...checked.lines);
      out.push(...checked.facts);
    }
    const given = options.fileDigests;
    if (given) lines.push(fileLine(check.file, given));
  }
  out.push('');
  for (const line of lines)
    out.push(`${line.checked === false ? '–' : line.ok ? '✓' : '✗'} ${line.name}: ${line.message}`);
  out.push('');
  if (check.courtKey && !check.courtKey.pinned) {
    out.push(
      'Note: the court key was taken from the certificate itself — not pinned: checks integrity, not who signed.',
    );
  }
  if (check.logKey?.source === 'certificate') {
    out.push('Note: the log key was taken from the certificate itself — not pinned (add --log-key).');
  }
  if (check.file?.body.version === 2 && !check.witnessing.some((w) => w?.pinned)) {
    out.push(
      "Note: the witnesses' signatures were checked against the witness list in the certificate — not pinned (add --witness-key).",
    );
  }
  if (online) out.push('Note: a deposit certificate is not revoked; --online asks nothing for it.');
  const failed = lines.filter((l) => !l.ok);
  out.push(
    failed.length === 0
      ? `Result: OK — all ${lines.length} checks passed.`
      : `Result: FAILED — ${failed.length} of ${lines.length} checks failed: ${failed.map((l) => l.name).join(', ')}.`,
  );
  return { exitCode: failed.length === 0 ? EXIT.OK : EXIT.FAILED, stdout: out, stderr: [] };
}

function statedFacts(file: DepositCertificateFile): string[] {
  const { body } = file;
  return [
    'A deposit certificate (存证证书), not a verification certificate. As it states (rely on it only if every check below passes):',
    `  certificate  ID ${body.id}, issued ${courtTime(body.issuedAt)} under the key of ${body.issuer.nameZh} / ${body.issuer.nameEn}`,
    `  depositor    ${body.depositor.name}`,
    ...body.deposits.flatMap((d, i) => [
      `  deposit ${i + 1}    ${d.id}, ${courtTime(d.depositedAt)}, record ${d.leafIndex + 1}`,
      ...(d.title ? [`               title: ${d.title}`] : []),
      ...(d.file ? [`               file: ${d.file.name} (${d.file.size} bytes)`] : []),
      ...(d.digests.sha256 ? [`               SHA-256 ${d.digests.sha256}`] : []),
      ...(d.digests.sm3 ? [`               SM3     ${d.digests.sm3}`] : []),
    ]),
  ];
}

function fileLine(file: DepositCertificateFile, given: { sha256?: string; sm3?: string }): Line {
  const matches = file.body.deposits.findIndex(
    (d) =>
      (given.sha256 === undefined ||
        d.digests.sha256 === undefined ||
        d.digests.sha256 === given.sha256.toLowerCase()) &&
      (given.sm3 === undefined || d.digests.sm3 === undefined || d.digests.sm3 === given.sm3.toLowerCase()) &&
      ((given.sha256 !== undefined && d.digests.sha256 !== undefined) ||
        (given.sm3 !== undefined && d.digests.sm3 !== undefined)),
  );
  return matches < 0
    ? {
        name: 'file_digests',
        ok: false,
        message: "the file's digests are none of the certified deposits': this is not a deposited file",
      }
    : {
        name: 'file_digests',
        ok: true,
        message: `the file's digests are deposit ${matches + 1}'s (${file.body.deposits[matches]?.id})`,
      };
}
