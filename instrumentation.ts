/**
 * Runs once when a server process starts: the sequencer begins polling the database queue,
 * so deposits accepted with ?wait=false (by this or any other process) get sealed; the
 * evidence store's cleanup of abandoned uploads runs now and hourly (lib/evidence); the mail
 * sender delivers queued e-mail every few seconds, by SMTP or to the local mailbox (lib/mail); the
 * log's new checkpoints go to its witnesses, if it has any (lib/witnessing), and are anchored on a chain
 * and time-stamped, where configured (lib/anchor).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || !process.env.DATABASE_URL) return;
  const { getSequencer } = await import('./lib/ledger/sequencer');
  getSequencer().startPolling();
  // With witnesses configured (VERITY_WITNESSES), each seal here is sent to them afterwards (lib/witnessing).
  const { startCosigning } = await import('./lib/witnessing/cosigner');
  startCosigning();
  // With a chain or time-stamping authorities configured, checkpoints are anchored there (lib/anchor).
  const { startAnchoring } = await import('./lib/anchor/start-anchoring');
  startAnchoring();
  const { startCleanupSchedule } = await import('./lib/evidence/start-cleanup-schedule');
  startCleanupSchedule();
  const { startProcessMailSender } = await import('./lib/mail/start-mail-sender');
  await startProcessMailSender();
}
