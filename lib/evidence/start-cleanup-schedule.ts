import 'server-only';
/**
 * Runs cleanupUploads when the server starts and every hour after (from instrumentation.ts),
 * removing uploads untouched for UPLOAD_RETENTION_MS. Every server process runs it; the
 * cleanup is safe to run concurrently.
 */
import { cleanupUploads } from './cleanup-uploads';

/** An upload nobody has touched for a day is abandoned. */
export const UPLOAD_RETENTION_MS = 24 * 60 * 60 * 1000;
const INTERVAL_MS = 60 * 60 * 1000;

const globalForSchedule = globalThis as unknown as { verityEvidenceCleanup?: ReturnType<typeof setInterval> };

export function startCleanupSchedule(): void {
  if (globalForSchedule.verityEvidenceCleanup) return;
  const run = () =>
    cleanupUploads({ olderThan: new Date(Date.now() - UPLOAD_RETENTION_MS) }).then(
      (report) => {
        const total = report.staleUploads + report.orphanPartFiles + report.orphanBlobFiles;
        if (total > 0) console.log(`evidence store: cleanup removed ${JSON.stringify(report)}`);
      },
      (error: unknown) => console.error('evidence store: cleanup failed', error),
    );
  globalForSchedule.verityEvidenceCleanup = setInterval(() => void run(), INTERVAL_MS);
  globalForSchedule.verityEvidenceCleanup.unref();
  void run();
}
