/** Polls a health URL until it answers 2xx; fails after `timeoutMs`, or at once when `exited` settles first. */
export async function waitForHealth(
  url: string,
  options: { timeoutMs: number; what: string; exited?: Promise<unknown> },
): Promise<void> {
  let gone = false;
  void options.exited?.then(() => {
    gone = true;
  });
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${options.what} exited while starting`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${options.what} did not answer at ${url} within ${options.timeoutMs / 1000} s`);
}
