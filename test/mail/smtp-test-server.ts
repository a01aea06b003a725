/**
 * A real SMTP server for tests (the npm `smtp-server` package, no mock): it listens on a loopback
 * port, accepts mail (or refuses it with a 5xx, or answers 4xx, as the test asks), and keeps what
 * it received, parsed with `mailparser`. For the mail tests and, later, the e2e suite: start it,
 * pass `url` to the portal as VERITY_SMTP_URL, and wait for the message a step should send.
 *
 *   const smtp = await startSmtpTestServer();
 *   // … VERITY_SMTP_URL=smtp.url …
 *   const mail = await smtp.waitFor((m) => m.to.includes('judge@example.com'));
 *   await smtp.close();
 *
 * Restart on the same port (`startSmtpTestServer({ port: smtp.port })`) to test a server that
 * was down and came back.
 *
 * When the server runs in another process than the test (the e2e server starts it before the
 * portal, the specs run in Playwright's workers), give it a `spoolFile`: each message is appended
 * there as a line of JSON, and `readSpooledMail(file)` / `waitForSpooledMail(file, predicate)`
 * read them from any process.
 */
import { appendFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the server received it. */
export interface ReceivedMail {
  /** The envelope's MAIL FROM and RCPT TO addresses (what the SMTP client really sent). */
  envelopeFrom: string;
  to: string[];
  /** Header fields, parsed. */
  from: string;
  subject: string;
  text: string;
  html: string;
  /** The Content-Language header, if any (the portal sets the recipient's language). */
  language: string | null;
  messageId: string | null;
  /** The whole message as received. */
  raw: string;
  receivedAt: Date;
}

/** How the server answers a message's recipients: take it, refuse for good (550), or later (451). */
export type SmtpTestMode = 'accept' | 'refuse' | 'defer';

export interface SmtpTestServerOptions {
  /** Default: a free port chosen by the system. */
  port?: number;
  /** Default `accept`. */
  mode?: SmtpTestMode;
  /** Require AUTH PLAIN/LOGIN with these credentials (the URL then carries them). */
  auth?: { user: string; pass: string };
  /** Also append each accepted message to this file, one JSON line each (see readSpooledMail). */
  spoolFile?: string;
}

export interface SmtpTestServer {
  /** smtp://[user:pass@]127.0.0.1:<port>, ready for VERITY_SMTP_URL. */
  url: string;
  port: number;
  /** Every message accepted so far, oldest first (a copy). */
  messages(): ReceivedMail[];
  /** The first message (already received or yet to come) that satisfies `predicate`. */
  waitFor(predicate?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Changes how the following messages are answered. */
  setMode(mode: SmtpTestMode): void;
  /** RCPT TO commands seen, accepted or not (to count delivery attempts). */
  attempts(): number;
  close(): Promise<void>;
}

export async function startSmtpTestServer(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<{ predicate: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }>();
  let mode: SmtpTestMode = options.mode ?? 'accept';
  let attempts = 0;

  const server = new SMTPServer({
    secure: false,
    // Plain SMTP on loopback: no STARTTLS offered, so the client does not try it.
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 1000,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        callback(null, { user: auth.username });
        return;
      }
      callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      attempts++;
      if (mode === 'refuse') {
        callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
      } else if (mode === 'defer') {
        callback(Object.assign(new Error('4.3.2 Try again later'), { responseCode: 451 }));
      } else {
        callback();
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            const mail = toReceived(parsed, raw, session.envelope);
            received.push(mail);
            if (options.spoolFile) appendFileSync(options.spoolFile, `${JSON.stringify(mail)}\n`);
            for (const waiter of [...waiters]) {
              if (waiter.predicate(mail)) {
                waiters.delete(waiter);
                waiter.resolve(mail);
              }
            }
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After listening, errors of single connections are the client's business, not the test's.
  server.on('error', () => {});
  const port = (server.server.address() as AddressInfo).port;
  const credentials = options.auth
    ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@`
    : '';

  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    messages: () => [...received],
    attempts: () => attempts,
    setMode(next) {
      mode = next;
    },
    waitFor(predicate = () => true, timeoutMs = 15_000) {
      const found = received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<ReceivedMail>((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (mail: ReceivedMail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(`smtp test server: no matching message within ${timeoutMs} ms (${received.length} received)`),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

function toReceived(
  parsed: ParsedMail,
  raw: string,
  envelope: { mailFrom: false | { address: string }; rcptTo: Array<{ address: string }> },
): ReceivedMail {
  const language = parsed.headers.get('content-language');
  return {
    envelopeFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
    to: envelope.rcptTo.map((r) => r.address.toLowerCase()),
    from: parsed.from?.text ?? '',
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    language: typeof language === 'string' ? language : null,
    messageId: parsed.messageId ?? null,
    raw,
    receivedAt: new Date(),
  };
}

/** The messages a server started with `spoolFile` has accepted so far (none if the file is absent). */
export async function readSpooledMail(spoolFile: string): Promise<ReceivedMail[]> {
  let text: string;
  try {
    text = await readFile(spoolFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const mail = JSON.parse(line) as ReceivedMail & { receivedAt: string };
      return { ...mail, receivedAt: new Date(mail.receivedAt) };
    });
}

/** Polls `spoolFile` until a message satisfies `predicate` (e.g. from a Playwright spec). */
export async function waitForSpooledMail(
  spoolFile: string,
  predicate: (mail: ReceivedMail) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readSpooledMail(spoolFile)).find(predicate);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`smtp test server: no matching message in ${spoolFile} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
