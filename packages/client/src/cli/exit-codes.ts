/**
 * The `verity` command's exit codes, the same for every command (README, "Checking a
 * certificate"): scripts and CI jobs branch on them, so they never change meaning.
 *
 * @module
 */
export const EXIT = {
  /** Everything asked for was done, every check passed. */
  OK: 0,
  /** The command ran and something failed: a check, a refused deposit, a fork seen. */
  FAILED: 1,
  /** The command could not run as asked: bad arguments, an unreadable file or key. */
  USAGE: 2,
  /**
   * The command could not finish because a server it reads from could not be reached or kept
   * answering wrongly (`verity monitor`, after its retries): nothing was concluded, no alarm.
   */
  UNREACHABLE: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
