import 'server-only';
/**
 * Runs cleanupUploads when the server starts and every hour after (from instrumentation.ts),
 * removing uploads untouched for the grace period (VERITY_UPLOAD_GRACE_HOURS, a day by
 * default) and the stored files nothing uses any more. Every server process runs it; the
 * cleanup is safe to run concurrently.
 */
import { cleanupUploads } from './cleanup-uploads';
import { evidenceConfig } from './config';

const INTERVAL_MS = 60 * 60 * 1000;

const globalForSchedule = globalThis as unknown as { verityEvidenceCleanup?: ReturnType<typeof setInterval> };

export function startCleanupSchedule(): void {
  if (globalForSchedule.verityEvidenceCleanup) return;
  const run = () =>
    Promise.resolve()
      .then(() => cleanupUploads({ olderThan: new Date(Date.now() - evidenceConfig().uploadGraceMs) }))
      .then(
        (report) => {
          const total = report.staleUploads + report.orphanPartFiles + report.unusedBlobs + report.orphanBlobFiles;
          if (total > 0) console.log(`evidence store: cleanup removed ${JSON.stringify(report)}`);
        },
        (error: unknown) => console.error('evidence store: cleanup failed', error),
      );
  globalForSchedule.verityEvidenceCleanup = setInterval(() => void run(), INTERVAL_MS);
  globalForSchedule.verityEvidenceCleanup.unref();
  void run();
}
