import 'server-only';
/**
 * Runs the sender in a server process (from instrumentation.ts): every few seconds it delivers
 * what is due (send-due-mail.ts). Every process runs one; they share the queue safely. A run
 * never overlaps the previous one, and stopping waits for the run in progress, so a shutdown
 * never leaves a delivery half-recorded (an interrupted one stays queued and is sent again).
 */
import { type RetryPolicy, sendDueMail } from './send-due-mail';
import type { MailTransport } from './transport';

export interface MailSender {
  /** Delivers what is due now, without waiting for the next tick. */
  runNow(): Promise<void>;
  /** Stops the ticks, waits for a run in progress and closes the transport. */
  stop(): Promise<void>;
}

export interface MailSenderOptions {
  transport: MailTransport;
  /** Default 5 s. */
  intervalMs?: number;
  policy?: RetryPolicy;
  /** Only these outbox rows (tests: they share one database with other tests' mail). */
  onlyIds?: readonly string[];
}

export function startMailSender(options: MailSenderOptions): MailSender {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) return running;
    running = sendDueMail({ transport: options.transport, policy: options.policy, onlyIds: options.onlyIds })
      .then((report) => {
        if (report.retrying + report.failed > 0) {
          console.warn(`mail: ${report.sent} sent, ${report.retrying} to retry, ${report.failed} failed`);
        }
      })
      .catch((error: unknown) => console.error('mail: the sender failed', error))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void run(), options.intervalMs ?? 5_000);
  timer.unref();
  void run();
  return {
    runNow: run,
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      await running;
      await options.transport.close();
    },
  };
}

const globalForSender = globalThis as unknown as { verityMailSender?: MailSender };

/** Starts this process's sender once (instrumentation.ts) and stops it on SIGTERM / SIGINT. */
export async function startProcessMailSender(): Promise<MailSender> {
  if (globalForSender.verityMailSender) return globalForSender.verityMailSender;
  const { mailTransportFromEnv } = await import('./mail-transport-from-env');
  const sender = startMailSender({ transport: mailTransportFromEnv() });
  globalForSender.verityMailSender = sender;
  const stop = () => void sender.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return sender;
}
