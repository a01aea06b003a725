import { describe, expect, it } from 'vitest';
import { type FileHashJob, HashQueue, type HashWorkerLike } from './hash-queue';
import type { HashWorkerRequest, HashWorkerResponse } from './worker-protocol';

class FakeWorker implements HashWorkerLike {
  readonly received: HashWorkerRequest[] = [];
  readonly transferred: Transferable[][] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<HashWorkerResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;

  postMessage(message: HashWorkerRequest, transfer: Transferable[] = []): void {
    this.received.push(message);
    this.transferred.push(transfer);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(message: HashWorkerResponse): void {
    this.onmessage?.({ data: message } as MessageEvent<HashWorkerResponse>);
  }
  get jobId(): string {
    const start = this.received.find((m) => m.type === 'start' || m.type === 'follow');
    if (!start) throw new Error('not started');
    return start.id;
  }
}

function setup(plan?: ('sha256' | 'sm3')[][], readOnce?: boolean) {
  const workers: FakeWorker[] = [];
  let time = 0;
  const queue = new HashQueue({
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    plan,
    readOnce,
    now: () => time,
  });
  const job = (id: string): FileHashJob => {
    const found = queue.getSnapshot().find((j) => j.id === id);
    if (!found) throw new Error(`no job ${id}`);
    return found;
  };
  return { queue, workers, job, tick: (ms: number) => (time += ms) };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const file = (size: number, name = 'a.bin') => new File([new Uint8Array(size)], name);

describe('HashQueue', () => {
  it('hashes files one at a time, one worker per algorithm, and merges the digests', async () => {
    const { queue, workers, job, tick } = setup();
    const [a, b] = queue.add([file(1000, 'a.pdf'), file(10)]) as [string, string];
    expect(job(a)).toMatchObject({ name: 'a.pdf', state: 'hashing', totalBytes: 1000 });
    expect(job(b).state).toBe('queued');
    expect(workers).toHaveLength(2);
    expect(workers.map((w) => (w.received[0] as { algorithms: string[] }).algorithms)).toEqual([['sha256'], ['sm3']]);

    // Start-up time does not count: the rate is measured from the first report.
    tick(300);
    workers[0]?.reply({ type: 'progress', id: a, bytesDone: 100, totalBytes: 1000 });
    expect(job(a)).toMatchObject({ bytesDone: 0, percent: 0, bytesPerSecond: null, secondsLeft: null });
    workers[1]?.reply({ type: 'progress', id: a, bytesDone: 50, totalBytes: 1000 });
    tick(500);
    workers[0]?.reply({ type: 'progress', id: a, bytesDone: 600, totalBytes: 1000 });
    workers[1]?.reply({ type: 'progress', id: a, bytesDone: 450, totalBytes: 1000 });
    // The slowest worker sets the pace: 450 bytes done, 450 more in the last 0.5 s.
    expect(job(a)).toMatchObject({ bytesDone: 450, percent: 45, bytesPerSecond: 900 });
    expect(job(a).secondsLeft).toBeCloseTo(550 / 900);

    workers[0]?.reply({ type: 'done', id: a, digests: { sha256: 'aa' }, totalBytes: 1000 });
    expect(job(a).state).toBe('hashing');
    tick(500);
    workers[1]?.reply({ type: 'done', id: a, digests: { sm3: 'bb' }, totalBytes: 1000 });
    expect(job(a)).toMatchObject({ state: 'done', percent: 100, digests: { sha256: 'aa', sm3: 'bb' }, secondsLeft: 0 });
    expect(workers.every((w) => w.terminated)).toBe(true);

    await flush();
    expect(job(b).state).toBe('hashing');
    expect(workers.slice(2).map((w) => w.jobId)).toEqual([b, b]);
  });

  it('has the first worker read the file and relay it round a ring of ports to the others', async () => {
    const { queue, workers } = setup([['sha256'], ['sm3'], ['sm3']]);
    const [a] = queue.add([file(1000)]) as [string];
    const [reader, first, second] = workers.map((w) => w.received[0]) as HashWorkerRequest[];
    expect(reader).toMatchObject({ type: 'start', id: a, algorithms: ['sha256'], file: expect.any(File) });
    expect(first).toMatchObject({ type: 'follow', id: a, algorithms: ['sm3'], totalBytes: 1000 });
    expect(second).toMatchObject({ type: 'follow', id: a, totalBytes: 1000 });
    const ports = [reader, first, second].map((r) => (r as { relay: { from: MessagePort; to: MessagePort } }).relay);
    // Each worker's two ports are transferred to it, never kept by the page.
    workers.forEach((w, i) => {
      expect(w.transferred[0]).toEqual([ports[i]?.from, ports[i]?.to]);
    });
    // What worker i sends reaches worker i + 1, and the last one's reaches the reader.
    for (let i = 0; i < 3; i++) {
      const arrived = new Promise((resolve) => {
        (ports[(i + 1) % 3] as { from: MessagePort }).from.onmessage = (event) => resolve(event.data);
      });
      ports[i]?.to.postMessage(`from ${i}`);
      expect(await arrived).toBe(`from ${i}`);
    }
    for (const p of ports) {
      p?.from.close();
      p?.to.close();
    }
  });

  it('lets every worker read the file itself with readOnce: false', () => {
    const { queue, workers } = setup(undefined, false);
    queue.add([file(10)]);
    for (const worker of workers) {
      expect(worker.received[0]).toMatchObject({ type: 'start' });
      expect(worker.received[0]).not.toHaveProperty('relay');
      expect(worker.transferred[0]).toEqual([]);
    }
  });

  it('uses the plan given: one worker for both algorithms', () => {
    const { queue, workers } = setup([['sha256', 'sm3']]);
    queue.add([file(1)]);
    expect(workers).toHaveLength(1);
    expect(workers[0]?.received[0]).toMatchObject({ type: 'start', algorithms: ['sha256', 'sm3'] });
    // Alone, it reads the file itself: no ports.
    expect(workers[0]?.received[0]).not.toHaveProperty('relay');
  });

  it('cancels a running job: tells and terminates its workers, then starts the next', async () => {
    const { queue, workers, job } = setup();
    const [a, b] = queue.add([file(100), file(100)]) as [string, string];
    queue.cancel(a);
    expect(job(a).state).toBe('cancelled');
    for (const worker of workers) {
      expect(worker.received.at(-1)).toEqual({ type: 'cancel', id: a });
      expect(worker.terminated).toBe(true);
    }
    // Late progress from a cancelled job changes nothing.
    workers[0]?.reply({ type: 'progress', id: a, bytesDone: 50, totalBytes: 100 });
    expect(job(a)).toMatchObject({ state: 'cancelled', bytesDone: 0 });
    await flush();
    expect(job(b).state).toBe('hashing');
  });

  it('cancels a queued job without starting a worker for it', async () => {
    const { queue, workers, job } = setup();
    const [a, b] = queue.add([file(1), file(1)]) as [string, string];
    queue.cancel(b);
    expect(job(b).state).toBe('cancelled');
    workers[0]?.reply({ type: 'done', id: a, digests: { sha256: 'aa' }, totalBytes: 1 });
    workers[1]?.reply({ type: 'done', id: a, digests: { sm3: 'bb' }, totalBytes: 1 });
    await flush();
    expect(workers).toHaveLength(2);
  });

  it('shows a worker crash as an error and moves on', async () => {
    const { queue, workers, job } = setup();
    const [a, b] = queue.add([file(1), file(1)]) as [string, string];
    workers[1]?.onerror?.({ message: 'Uncaught RangeError: out of memory' } as ErrorEvent);
    expect(job(a)).toMatchObject({
      state: 'error',
      error: { code: 'WORKER_CRASHED', message: 'Uncaught RangeError: out of memory' },
    });
    expect(workers.every((w) => w.terminated)).toBe(true);
    await flush();
    expect(job(b).state).toBe('hashing');
  });

  it('explains a worker that failed to load without a message', () => {
    const { queue, workers, job } = setup();
    const [a] = queue.add([file(1)]) as [string];
    workers[0]?.onerror?.(new Event('error') as ErrorEvent);
    expect(job(a).error?.message).toMatch(/failed to start/);
  });

  it('shows an unreadable file as an error with the worker’s code', () => {
    const { queue, workers, job } = setup();
    const [a] = queue.add([file(1)]) as [string];
    workers[0]?.reply({ type: 'error', id: a, code: 'NOT_READABLE', message: 'The file could not be read' });
    expect(job(a)).toMatchObject({ state: 'error', error: { code: 'NOT_READABLE' } });
  });

  it('turns a worker that cannot be created into an error', () => {
    const queue = new HashQueue({
      createWorker: () => {
        throw new Error('Workers are blocked');
      },
    });
    const [a] = queue.add([file(1)]);
    expect(queue.getSnapshot().find((j) => j.id === a)).toMatchObject({
      state: 'error',
      error: { code: 'WORKER_CRASHED', message: 'Workers are blocked' },
    });
  });

  it('notifies subscribers and removes jobs', () => {
    const { queue } = setup();
    let calls = 0;
    const unsubscribe = queue.subscribe(() => calls++);
    const [a] = queue.add([file(1)]) as [string];
    expect(calls).toBeGreaterThan(0);
    queue.remove(a);
    expect(queue.getSnapshot()).toEqual([]);
    unsubscribe();
  });
});
