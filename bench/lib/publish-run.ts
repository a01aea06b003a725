/** The end of every entry script: one report from one or more benchmark bodies. */
import { machineInfo } from './machine';
import type { BenchOptions } from './options';
import { type BenchSection, publish } from './report';

export async function publishRun(name: string, options: BenchOptions, bodies: Array<() => Promise<BenchSection>>) {
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  const sections: BenchSection[] = [];
  for (const body of bodies) sections.push(await body());
  const failures = sections.flatMap((s) => s.failures);
  publish({
    name,
    command: options.command,
    quick: options.quick,
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: { ...machine, postgres: sections.find((s) => s.postgres)?.postgres ?? '' },
    figures: sections.flatMap((s) => s.figures),
    details: Object.assign({ failures }, ...sections.map((s) => s.details)),
  });
  if (failures.length > 0) {
    console.error(`FAILURES (${failures.length}): ${failures.slice(0, 5).join('; ')}`);
    process.exitCode = 1;
  }
}
