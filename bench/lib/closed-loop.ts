/**
 * A closed-loop load generator: `concurrency` clients, each sending its next request as soon
 * as the previous one is answered. Bounded twice, as every load loop here must be: it stops
 * issuing after `maxRequests` requests in total or after `durationMs`, whichever comes first,
 * and each request carries its own time limit (the caller's AbortSignal).
 */
import { performance } from 'node:perf_hooks';

export interface ClosedLoopOptions {
  concurrency: number;
  maxRequests: number;
  durationMs: number;
  /** Pause between a client's answer and its next request (0: saturate). */
  thinkMs?: number;
  /** One request by client `client`; resolves to the number of items it completed (deposits), or throws. */
  request: (client: number) => Promise<number>;
}

export interface ClosedLoopResult {
  requests: number;
  failed: number;
  /** Items completed by successful requests (1 per request, 1000 per batch request). */
  items: number;
  /** From the first request sent to the last answer received. */
  elapsedMs: number;
  latenciesMs: Float64Array;
  /** First few error messages with their counts. */
  errors: Record<string, number>;
  startedAtMs: number;
  endedAtMs: number;
}

export async function runClosedLoop(options: ClosedLoopOptions): Promise<ClosedLoopResult> {
  const latencies = new Float64Array(options.maxRequests);
  const errors: Record<string, number> = {};
  let issued = 0;
  let done = 0;
  let failed = 0;
  let items = 0;
  const startedAtMs = Date.now();
  const t0 = performance.now();
  const deadline = t0 + options.durationMs;

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const client = async (id: number): Promise<void> => {
    // Paced clients start spread over one pause, so they do not arrive in lockstep.
    if (options.thinkMs) await pause(Math.random() * options.thinkMs);
    while (issued < options.maxRequests && performance.now() < deadline) {
      issued++;
      const start = performance.now();
      try {
        const n = await options.request(id);
        // Not `items += await …`: that reads `items` before the await and loses other clients' updates.
        items += n;
        latencies[done++] = performance.now() - start;
      } catch (error) {
        failed++;
        const key = error instanceof Error ? error.message.slice(0, 200) : String(error);
        if (Object.keys(errors).length < 10 || key in errors) errors[key] = (errors[key] ?? 0) + 1;
      }
      if (options.thinkMs && performance.now() + options.thinkMs < deadline) await pause(options.thinkMs);
      else if (options.thinkMs) break;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => client(i)));
  const elapsedMs = performance.now() - t0;
  return {
    requests: issued,
    failed,
    items,
    elapsedMs,
    latenciesMs: latencies.subarray(0, done),
    errors,
    startedAtMs,
    endedAtMs: Date.now(),
  };
}
