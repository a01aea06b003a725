import 'server-only';
/**
 * The log's witness policy as certificates carry it (body version 2, format/certificate-witnessing.ts):
 * each configured witness's name, English name and verifier key, and the quorum — what
 * `GET /api/v1/log/witnesses` serves, without the URLs. Null when the log has no witnesses: its
 * certificates stay version 1. Shared by verification and deposit certificates; the same policy the
 * server's own check counts against (configuredWitnessPolicy).
 */
import { configuredWitnessPolicy } from '@/lib/verification/check-against-ledger';
import type { CertificateWitnessPolicy } from './format/certificate-witnessing';

export function certificateWitnessPolicy(): CertificateWitnessPolicy | null {
  return configuredWitnessPolicy() ?? null;
}
