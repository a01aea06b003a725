/** The audit report as the lines `npm run ledger:verify` prints. */
import type { LedgerAuditReport } from './findings';

export function formatReport(report: LedgerAuditReport): string[] {
  const lines: string[] = [];
  if (report.findings.length > 0) lines.push(`Findings (${report.findingsTotal}):`);
  for (const f of report.findings) lines.push(`  - ${f.message} [${f.kind}]`);
  if (report.truncated) lines.push(`  … and ${report.findingsTotal - report.findings.length} more, not listed.`);
  lines.push(
    `Checked ${report.leavesChecked} leaves, ${report.nodesChecked} nodes and ${report.checkpointsChecked} ` +
      `checkpoints of a log of size ${report.treeSize}${report.cosignaturesChecked > 0 ? `, and ${report.cosignaturesChecked} witness cosignatures,` : ''} in ${(report.durationMs / 1000).toFixed(1)} s.`,
  );
  if (report.witnessAlarms > 0) {
    lines.push(
      `WITNESS ALARM: ${report.witnessAlarms} witness alarm(s) — a witness was shown another history of this log ` +
        '(the evidence: GET /api/v1/log/alarms, or the table witness_alarms). Find out who was shown which checkpoint.',
    );
  }
  if (report.ok) lines.push('OK: the ledger is intact.');
  else {
    const first = report.firstBadLeafIndex ?? 'none (the leaves and tree nodes are intact)';
    lines.push(`FAILED: ${report.findingsTotal} problem(s); first bad leaf index: ${first}.`);
  }
  return lines;
}
