/**
 * What `verity verify-certificate` prints about witnesses (issue #18), for both kinds of
 * certificate: the witness list the certificate carries (version 2) and, per checkpoint, who
 * vouched as counted from the signatures — "witnessed by 2 of 3: …" or "not yet witnessed".
 * Nothing for a version 1 certificate (its log had no witnesses).
 *
 * @module
 */
import type {
  CertificateWitness,
  CertificateWitnessingResult,
  CertificateWitnessPolicy,
} from '@/lib/certificates/format/certificate-witnessing';

function named(w: { name: string; nameEn?: string }): string {
  return w.nameEn ? `${w.name} (${w.nameEn})` : w.name;
}

function sentence(w: CertificateWitnessingResult): string {
  const by = w.by.map(named).join(', ');
  if (w.state === 'witnessed') return `witnessed by ${w.by.length} of ${w.of} institutions: ${by}`;
  return `not yet witnessed (${w.by.length} of ${w.of} signed${by ? `: ${by}` : ''}; ${w.quorum} needed)`;
}

export function witnessLines(
  body: { version: number; witnessPolicy?: CertificateWitnessPolicy },
  witnessing: readonly (CertificateWitnessingResult | null)[],
): string[] {
  if (body.version !== 2 || !body.witnessPolicy) return [];
  const policy = body.witnessPolicy;
  const out = [
    `  witnesses    ${policy.quorum} of ${policy.witnesses.length} must sign:`,
    ...policy.witnesses.map((w: CertificateWitness) => `               ${named(w)}  ${w.verifierKey}`),
  ];
  witnessing.forEach((w, i) => {
    if (!w) return;
    const label = witnessing.length > 1 ? `deposit ${i + 1}` : 'vouched';
    out.push(`  ${label.padEnd(12)} ${sentence(w)}${w.pinned ? ' (counted against the pinned keys)' : ''}`);
  });
  return out;
}
