import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { cpuBetween, takeCpuSnapshot } from './cpu-accounting';

// A grandchild that burns CPU time (not wall time, so a busy machine changes nothing), idles
// while the window opens, burns a little more and exits inside the window; its parent lives on.
const GRANDCHILD = `
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const burn = (ms) => { const end = cpuMs() + ms; let x = 0; while (cpuMs() < end) for (let i = 0; i < 1e6; i++) x += i; return x; };
burn(1000);
process.stdout.write('burnt\\n');
process.stdin.once('data', () => { burn(300); process.exit(0); });
`;
const PARENT = `
const { spawn } = require('node:child_process');
const c = spawn(process.execPath, ['-e', ${JSON.stringify(GRANDCHILD)}], { stdio: ['pipe', 'pipe', 'inherit'] });
c.stdout.pipe(process.stdout);
process.stdin.once('data', (d) => c.stdin.write(d));
c.on('exit', () => process.stdout.write('exited\\n'));
setInterval(() => {}, 1000); // lives on until killed
`;

describe('cpuBetween', () => {
  it('charges a process that exits inside the window only with the CPU it used inside it', async () => {
    const parent = spawn(process.execPath, ['-e', PARENT], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    const said = (word: string) =>
      new Promise<void>((resolve) => {
        const check = () => (out.includes(word) ? resolve() : parent.stdout.once('data', onData));
        const onData = (d: Buffer) => {
          out += d.toString();
          check();
        };
        check();
      });
    try {
      await said('burnt');
      const before = takeCpuSnapshot();
      parent.stdin.write('go\n');
      await said('exited');
      await sleep(50);
      const after = takeCpuSnapshot();
      const used = cpuBetween(before, after, { tree: [parent.pid as number] }).seconds.tree as number;
      // About 0.3 s; counting the grandchild's whole life (its parent's cutime) would give ≥ 1.3 s.
      expect(used).toBeGreaterThan(0.2);
      expect(used).toBeLessThan(0.8);
    } finally {
      parent.kill();
    }
  }, 20_000);
});
