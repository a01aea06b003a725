import 'server-only';
/** The audit report as the lines `npm run audit:verify` prints. */
import { formatAuditHead } from './audit-head';
import type { AuditVerifyReport } from './findings';

export function formatAuditReport(report: AuditVerifyReport): string[] {
  const lines: string[] = [];
  if (report.findings.length > 0) lines.push(`Findings (${report.findingsTotal}):`);
  for (const f of report.findings) lines.push(`  - ${f.message} [${f.kind}]`);
  if (report.truncated) lines.push(`  … and ${report.findingsTotal - report.findings.length} more, not listed.`);
  const expected = report.expectedHeads.length;
  lines.push(
    `Checked ${report.count} events of the chain-of-custody log` +
      (expected > 0 ? ` and ${expected} expected head${expected === 1 ? '' : 's'}` : '') +
      ` in ${(report.durationMs / 1000).toFixed(1)} s.`,
  );
  lines.push(`Head: ${report.head ? formatAuditHead(report.head) : 'none (the log is empty)'}`);
  if (report.ok) {
    lines.push(`OK: the chain-of-custody log is intact (${report.count} events).`);
    if (expected === 0 && report.head) {
      lines.push(
        'Events removed from the end of the log cannot be seen from the log alone: keep the head above ' +
          `outside the database and run again with --expect-head ${formatAuditHead(report.head)}.`,
      );
    }
  } else if (report.firstBad) {
    const { seq, action, kind } = report.firstBad;
    lines.push(
      `FAILED: ${report.findingsTotal} problem(s); first bad event: seq ${seq}${action ? ` (${action})` : ''}, ${kind}.`,
    );
  }
  return lines;
}
