/**
 * A test/cluster deployment prepared for measuring: the pids to account CPU to (each server's
 * process, the PostgreSQL postmaster), the PostgreSQL version, and a guaranteed stop (also on
 * Ctrl-C), so no server or database outlives the benchmark.
 */
import { type Cluster, type ClusterOptions, startCluster } from '../../test/cluster/cluster';
import { type CpuGroups, listenerPid, postmasterPid } from './cpu-accounting';
import { withClient } from './seal-batches';

export interface BenchCluster {
  cluster: Cluster;
  urls: string[];
  groups: CpuGroups;
  postgresVersion: string;
  startSeconds: number;
}

export async function withBenchCluster<T>(
  servers: number,
  fn: (c: BenchCluster) => Promise<T>,
  options: Pick<ClusterOptions, 'demoWitnesses' | 'env'> = {},
): Promise<T> {
  const t0 = Date.now();
  const extra = options.demoWitnesses ? ' + the three demo witnesses' : '';
  console.log(`starting a cluster: embedded PostgreSQL + ${servers} production server(s)${extra}…`);
  // The cluster's deposit limits are never reached unless options.env says otherwise (bench/deposit-limits.ts).
  const cluster = await startCluster({ ...options, servers, log: (line) => console.log(`  ${line}`) });
  const stop = () => {
    void cluster.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const urls = cluster.servers.map((s) => s.url);
    const { postmaster, version } = await withClient(cluster.databaseUrl, async (c) => {
      const { rows } = await c.query<{ pid: number; v: string }>(
        "SELECT pg_backend_pid() AS pid, current_setting('server_version') AS v",
      );
      // Read while this backend is still alive: its parent is the postmaster.
      return { postmaster: postmasterPid(rows[0]?.pid ?? 0), version: `PostgreSQL ${rows[0]?.v ?? '?'}` };
    });
    const groups: CpuGroups = { postgres: [postmaster] };
    urls.forEach((url, i) => {
      groups[`server${urls.length > 1 ? i + 1 : ''}`] = [listenerPid(url)];
    });
    const startSeconds = Math.round((Date.now() - t0) / 100) / 10;
    console.log(`  up in ${startSeconds} s: ${urls.join(', ')} (${version})`);
    return await fn({ cluster, urls, groups, postgresVersion: version, startSeconds });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await cluster.stop();
  }
}
