/**
 * The test cluster's demo witnesses (off by default, on when asked): the same module as
 * `npm start` (scripts/lib/demo-witnesses.ts), witnessing the cluster's own log.
 */
import { expect, it } from 'vitest';
import { parseSignerKey } from '@/lib/tlog';
import { post, TestLog } from '@/lib/witness/witness.testing';
import { startCluster } from './cluster';

it('runs no demo witnesses unless asked; asked, three cosign the cluster log’s checkpoints', {
  timeout: 120_000,
}, async () => {
  const plain = await startCluster({ servers: 0 });
  try {
    expect(plain.witnesses).toBeNull();
    expect(plain.env.VERITY_WITNESSES).toBe(process.env.VERITY_WITNESSES);
  } finally {
    await plain.stop();
  }

  const cluster = await startCluster({ servers: 0, demoWitnesses: true });
  let pids: (number | undefined)[] = [];
  try {
    const witnesses = cluster.witnesses?.witnesses ?? [];
    expect(witnesses.length).toBe(3);
    pids = witnesses.map((w) => w.pid);
    expect(cluster.env.VERITY_WITNESSES).toBe(cluster.witnesses?.env.VERITY_WITNESSES);
    expect(cluster.env.VERITY_WITNESS_QUORUM).toBe('2');
    // A checkpoint signed with the servers' log key is cosigned by each.
    const signerKey = cluster.env.VERITY_LOG_SIGNER_KEY ?? '';
    const log = new TestLog(parseSignerKey(signerKey).name, { signerKey, verifierKey: cluster.logVerifierKey }).grow(3);
    for (const w of witnesses) expect((await post(w.url, log.request(0))).status).toBe(200);
  } finally {
    await cluster.stop();
  }
  for (const pid of pids) expect(() => process.kill(pid as number, 0)).toThrow();
});
