/**
 * Resolves with the signal's name at the first Ctrl-C (SIGINT) or SIGTERM, for commands that
 * serve until stopped (`verity witness serve`, `verity monitor` following): `CliDeps.untilStopped`
 * for the `verity` command (main.ts) and for the demo witnesses' light entry
 * (scripts/lib/witness-cli-deps.ts).
 */
export function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
