import 'server-only';
/**
 * Why a backup or a restore stopped. Not an AppError: these are an operator's commands, never an
 * HTTP answer, and the CLI turns each code into its exit status and a line saying what to do.
 */
export type BackupErrorCode =
  /** The backup is not whole: a file missing, added, altered or cut short; the manifest unreadable. */
  | 'BACKUP_DAMAGED'
  /** The restore's target already holds a portal's data (use --force to overwrite it). */
  | 'TARGET_NOT_EMPTY'
  /** The backup needs migrations this checkout does not have (restore with a newer checkout). */
  | 'SCHEMA_MISMATCH'
  /** The restored portal failed ledger:verify, audit:verify or the store check. */
  | 'CHECK_FAILED';

export class BackupError extends Error {
  override name = 'BackupError';
  readonly code: BackupErrorCode;
  constructor(code: BackupErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
