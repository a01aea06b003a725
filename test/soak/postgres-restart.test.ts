/**
 * PostgreSQL restarted under load (issue #21, "Faults to survive"): deposits (waiting and
 * queued), lookups and page loads (signed in and public) run against two servers; the database
 * server stops (an immediate shutdown: no checkpoint, WAL replay at the next start, as after a
 * crash) and starts again on the same folder. While it is down every answer is a clear 503 —
 * the API's JSON error UNAVAILABLE, a plain page for people, both with Retry-After — never a 500,
 * a stack trace or a dropped connection, and nobody is signed out. Once it is back the portal
 * recovers without a restart; every deposit answered 201 or 202 is sealed at its index with a
 * proof; every checkpoint handed out before, during and after is consistent with the final one;
 * and the sequencer's queue poller and the cosigner (demo witnesses) still work.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { base64ToBytes, hashLeaf, verifyInclusion } from '@/lib/tlog';
import { createPortalPeople, signIn } from './portal-users.testing';
import {
  checkAllConsistentWith,
  forEachLimit,
  LogVerifier,
  messageOf,
  type Receipt,
  randomDepositRequest,
  readLogTables,
  runLoops,
  type SealedReceipt,
  SOAK_START_MS,
  SoakHttp,
  sleep,
  startSoakCluster,
  unsealed,
  VerityApi,
} from './soak.testing';

/** How long each phase lasts, in ms. */
const BEFORE_MS = 3000;
const DOWN_MS = 5000;
const AFTER_MS = 3000;
/** After PostgreSQL is ready again, each server must answer a deposit and a page within this. */
const RECOVER_WITHIN_MS = 15_000;

type Phase = 'before' | 'down' | 'recovering' | 'after' | 'done';

let cluster: Awaited<ReturnType<typeof startSoakCluster>> | undefined;

beforeAll(async () => {
  cluster = await startSoakCluster({ demoWitnesses: true });
}, SOAK_START_MS);

afterAll(async () => {
  await cluster?.stopAll();
}, 60_000);

/** The note with only the log's own signature: witnesses' cosignatures arrive later and vary. */
function logSignedOnly(note: string, logName: string): string {
  const [text, signatures = ''] = note.split('\n\n');
  const own = signatures.split('\n').filter((line) => line.startsWith(`— ${logName} `));
  return `${text}\n\n${own.join('\n')}\n`;
}

it('answers 503 while PostgreSQL is down, recovers without a restart, and loses no acknowledged deposit', {
  timeout: 180_000,
}, async () => {
  if (!cluster) throw new Error('the cluster did not start');
  const c = cluster;
  const urls = c.servers.map((s) => s.url);
  const logName = c.logVerifierKey.split('+')[0] as string;
  const http = new SoakHttp(20_000);
  const api = new VerityApi(http, c.apiKey);
  const verifier = new LogVerifier(c.logVerifierKey);
  const people = await createPortalPeople(c.databaseUrl, c.orgId);
  const cookies = await Promise.all(urls.map((u) => signIn(u, people.litigant)));

  let phase: Phase = 'before';
  const failures: string[] = [];
  const fail = (line: string) => {
    if (failures.length < 50) failures.push(`[${phase}] ${line}`);
  };
  /** Every deposit answered 201 (with its index) or 202. */
  const accepted = new Map<string, number | undefined>();
  const downAnswers = new Map<string, number>();
  const tally = (what: string) => downAnswers.set(what, (downAnswers.get(what) ?? 0) + 1);
  /** Per server, when a deposit and a page first succeeded after PostgreSQL was back. */
  const recoveredAt: Array<{ deposit?: number; page?: number }> = urls.map(() => ({}));
  let startedAgainAt = 0;
  /** Per server and operation, when each status was first answered after PostgreSQL was ready again (ms). */
  const afterStart = new Map<string, Map<number, number>>();

  /** A 503 as the outage must answer it: JSON UNAVAILABLE for the API, the plain page for people. */
  const clear503 = (status: number, text: string, retryAfter: string | null, page: boolean) => {
    if (status !== 503 || retryAfter === null) return false;
    if (/INTERNAL|\bat [\w$.<>]+ \(|node_modules|ECONNREFUSED/.test(text)) return false;
    if (page) return text.includes('平台暂时无法使用') && text.includes('The portal is briefly unavailable');
    try {
      return (JSON.parse(text) as { error?: { code?: string } }).error?.code === 'UNAVAILABLE';
    } catch {
      return false;
    }
  };
  const outageAllowed = () => phase === 'down' || phase === 'recovering';

  const request = async (op: string, url: string, init: RequestInit, page: boolean) => {
    const response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(20_000) }).catch(
      (error: unknown) => error as Error,
    );
    if (response instanceof Error) {
      fail(`${op}: no answer (${messageOf(response)})`);
      return undefined;
    }
    const text = await response.text();
    if (startedAgainAt > 0) {
      const key = `${new URL(url).port} ${op}`;
      const seen = afterStart.get(key) ?? new Map<number, number>();
      const first = `${response.status}`;
      if (!seen.has(Number(first))) seen.set(Number(first), Date.now() - startedAgainAt);
      afterStart.set(key, seen);
    }
    // An outage must not sign anyone out: next-auth clears the cookie when the session check throws.
    if (response.headers.getSetCookie().some((line) => /session-token=;/.test(line))) {
      fail(`${op}: the answer clears the session cookie`);
    }
    if (response.status === 503 && outageAllowed()) {
      if (!clear503(response.status, text, response.headers.get('retry-after'), page)) {
        fail(`${op}: an unclear 503: ${text.slice(0, 300)}`);
      }
      tally(`${op} → 503`);
      return undefined;
    }
    if (outageAllowed()) tally(`${op} → ${response.status}`);
    return { status: response.status, text };
  };

  const start = Date.now();
  const deposits = runLoops(
    8,
    1_000_000,
    () => phase === 'done',
    async (loop, i) => {
      const server = (loop + i) % urls.length;
      const wait = loop % 4 !== 0;
      const body = randomDepositRequest();
      const answer = await request(
        `POST deposit${wait ? '' : ' ?wait=false'}`,
        `${urls[server]}/api/v1/deposits${wait ? '' : '?wait=false'}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${c.apiKey}` },
          body: JSON.stringify(body),
        },
        false,
      );
      if (!answer) return sleep(100);
      if (answer.status !== (wait ? 201 : 202)) return fail(`deposit: ${answer.status} ${answer.text.slice(0, 200)}`);
      const receipt = JSON.parse(answer.text) as Receipt;
      if (receipt.status === 'sealed') {
        verifier.receipt(receipt);
        accepted.set(receipt.id, receipt.leafIndex);
      } else accepted.set(receipt.id, undefined);
      if (phase === 'recovering')
        recoveredAt[server] = { ...recoveredAt[server], deposit: recoveredAt[server]?.deposit ?? Date.now() };
    },
  );
  const pagePaths = [`/cases/${people.caseId}`, '/ledger', '/'];
  const reads = runLoops(
    4,
    1_000_000,
    () => phase === 'done',
    async (loop, i) => {
      const server = (loop + i) % urls.length;
      if (loop % 2 === 0) {
        const path = pagePaths[i % pagePaths.length] as string;
        const answer = await request(
          `GET ${path.startsWith('/cases') ? '/cases/[id]' : path}`,
          `${urls[server]}${path}`,
          {
            headers: { cookie: cookies[server] as string },
          },
          true,
        );
        if (!answer) return sleep(100);
        // "/" sends a signed-in person on to their home page.
        if (answer.status !== 200 && !(path === '/' && answer.status === 307)) {
          return fail(`page ${path}: ${answer.status} ${answer.text.slice(0, 200)}`);
        }
        if (phase === 'recovering' && path.startsWith('/cases')) {
          recoveredAt[server] = { ...recoveredAt[server], page: recoveredAt[server]?.page ?? Date.now() };
        }
      } else if (i % 3 === 0) {
        const answer = await request(
          'GET /api/auth/session',
          `${urls[server]}/api/auth/session`,
          {
            headers: { cookie: cookies[server] as string },
          },
          false,
        );
        if (answer && answer.status !== 200) fail(`session: ${answer.status} ${answer.text.slice(0, 200)}`);
      } else {
        const answer = await request('GET log/checkpoint', `${urls[server]}/api/v1/log/checkpoint`, {}, false);
        if (!answer) return sleep(100);
        if (answer.status !== 200) return fail(`checkpoint: ${answer.status} ${answer.text.slice(0, 200)}`);
        verifier.checkpoint(logSignedOnly(answer.text, logName));
      }
    },
  );

  await sleep(BEFORE_MS);
  const beforeCount = accepted.size;
  phase = 'down';
  await c.postgres.halt('immediate');
  const haltedAt = Date.now();
  await sleep(DOWN_MS);
  phase = 'recovering';
  await c.postgres.start();
  startedAgainAt = Date.now();
  for (; Date.now() - startedAgainAt < RECOVER_WITHIN_MS; await sleep(100)) {
    if (recoveredAt.every((r) => r.deposit && r.page)) break;
  }
  phase = 'after';
  await sleep(AFTER_MS);
  phase = 'done';
  await Promise.all([deposits, reads]);

  console.log(
    `postgres restart: ${beforeCount} deposits before the halt (${haltedAt - start} ms in), down ${startedAgainAt - haltedAt} ms; ` +
      `recovered (deposit, page) per server after ${recoveredAt.map((r) => `${(r.deposit ?? Number.NaN) - startedAgainAt}/${(r.page ?? Number.NaN) - startedAgainAt} ms`).join(', ')}`,
  );
  console.log(`  answers while down or recovering: ${[...downAnswers].map(([k, n]) => `${k} ×${n}`).join('; ')}`);
  for (const [key, seen] of afterStart) {
    console.log(`  after ready, ${key}: ${[...seen].map(([status, ms]) => `${status} first at +${ms} ms`).join(', ')}`);
  }
  expect(failures).toEqual([]);
  expect(downAnswers.get('POST deposit → 503'), 'deposits were refused with 503 while down').toBeGreaterThan(0);
  expect(downAnswers.get('GET /cases/[id] → 503'), 'pages were answered 503 while down').toBeGreaterThan(0);
  for (const [i, r] of recoveredAt.entries()) {
    expect(r.deposit && r.page, `server ${i + 1} recovered within ${RECOVER_WITHIN_MS} ms`).toBeTruthy();
  }

  // Every acknowledged deposit sealed (queued ones by the servers' pollers), at the index its 201 gave.
  let left = [...accepted.keys()];
  for (const deadline = Date.now() + 30_000; left.length > 0 && Date.now() < deadline; await sleep(200)) {
    left = await unsealed(c.databaseUrl, left);
  }
  expect(left, 'acknowledged deposits still unsealed 30 s after the run').toEqual([]);
  const latest = verifier.checkpoint(logSignedOnly(await api.checkpoint(urls[0] as string), logName));
  const wrong: string[] = [];
  await forEachLimit([...accepted], 8, async ([id, index]) => {
    const fresh = await api.receipt(urls[1] as string, id);
    if (fresh.status !== 'sealed' || (index !== undefined && fresh.leafIndex !== index)) {
      wrong.push(`${id}: acknowledged at ${index}, now ${fresh.status} ${'leafIndex' in fresh ? fresh.leafIndex : ''}`);
      return;
    }
    const cp = verifier.checkpoint(logSignedOnly(fresh.checkpoint, logName));
    verifyInclusion(
      fresh.leafIndex,
      cp.size,
      hashLeaf(base64ToBytes(fresh.leaf)),
      fresh.inclusionProof.map(base64ToBytes),
      cp.rootHash,
    );
  });
  expect(wrong.slice(0, 20)).toEqual([]);
  await checkAllConsistentWith(
    api,
    verifier,
    verifier.checkpoint(logSignedOnly(await api.checkpoint(urls[0] as string), logName)),
    urls,
  );
  expect(verifier.forks).toEqual([]);
  const tables = await readLogTables(c.databaseUrl);
  expect(tables.problems, 'log_leaves must be exactly 0..n-1').toEqual([]);
  expect(tables.depositCount, 'no deposit written without its leaf').toBe(tables.leafCount);
  console.log(
    `  ${accepted.size} acknowledged deposits sealed at their indexes; ${verifier.bySize.size} checkpoints (log size ${latest.size}+) consistent`,
  );

  // The background work survived: a queued deposit on each server is sealed by its poller, and a
  // new checkpoint is cosigned by a quorum of the witnesses; the session cookies still work.
  for (const [i, url] of urls.entries()) {
    const [queued] = await api.deposit(url, [randomDepositRequest()], {
      wait: false,
      batch: false,
      idempotencyKey: randomUUID(),
    });
    let receipt: Receipt | undefined;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(200)) {
      receipt = await api.receipt(url, queued?.id as string);
      if (receipt.status === 'sealed' && receipt.witnessed) break;
    }
    expect(receipt?.status, `server ${i + 1}: a queued deposit after the restart is sealed`).toBe('sealed');
    expect((receipt as SealedReceipt).witnessed?.by.length ?? 0, 'and its checkpoint cosigned').toBeGreaterThanOrEqual(
      2,
    );
    const page = await fetch(`${url}/cases/${people.caseId}`, {
      headers: { cookie: cookies[i] as string },
      redirect: 'manual',
    });
    expect(page.status, 'still signed in after the outage').toBe(200);
  }
});
