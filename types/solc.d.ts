/** The npm `solc` wrapper ships no types; we use its standard-JSON entry point only. */
declare module 'solc' {
  const solc: {
    /** Standard JSON input in, standard JSON output out (both as strings). */
    compile(input: string): string;
    version(): string;
  };
  export default solc;
}
