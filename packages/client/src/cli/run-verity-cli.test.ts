import { describe, expect, it } from 'vitest';
import type { CliDeps, VerityCommand } from './command';
import { EXIT } from './exit-codes';
import { COMMANDS, runVerityCli, verityUsage } from './run-verity-cli';

/** I/O that fails if a command touches it: the dispatcher itself reads and fetches nothing. */
const deps: CliDeps = {
  version: '9.8.7',
  readFile: () => Promise.reject(new Error('no files here')),
  hashFile: () => Promise.reject(new Error('no files here')),
  fetch: () => Promise.reject(new Error('no network here')),
};

describe('runVerityCli', () => {
  it('lists every command with its summary in --help, and exits 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const result = await runVerityCli([flag], deps);
      expect(result.exitCode).toBe(EXIT.OK);
      expect(result.stderr).toEqual([]);
      for (const command of COMMANDS) {
        expect(result.stdout).toContainEqual(expect.stringContaining(`  ${command.name} ${command.synopsis}`));
        expect(result.stdout).toContainEqual(expect.stringContaining(command.summary));
      }
    }
  });

  it('shows a command’s own usage with `help <command>` and `<command> --help`', async () => {
    for (const command of COMMANDS) {
      expect((await runVerityCli(['help', command.name], deps)).stdout).toEqual(command.usage.split('\n'));
      expect((await runVerityCli([command.name, '--help'], deps)).stdout).toEqual(command.usage.split('\n'));
    }
  });

  it('prints the version', async () => {
    expect(await runVerityCli(['--version'], deps)).toEqual({ exitCode: 0, stdout: ['verity 9.8.7'], stderr: [] });
    expect((await runVerityCli(['-v'], deps)).stdout).toEqual(['verity 9.8.7']);
  });

  it.each([
    [[], 'verity: name a command'],
    [['frobnicate'], 'verity: unknown command frobnicate'],
    [['help', 'frobnicate'], 'verity: unknown command frobnicate'],
    [['--bogus'], 'verity: unknown command --bogus'],
  ])('answers %j with exit 2, the reason and the usage on stderr', async (argv, reason) => {
    const result = await runVerityCli(argv, deps);
    expect(result.exitCode).toBe(EXIT.USAGE);
    expect(result.stdout).toEqual([]);
    expect(result.stderr[0]).toBe(reason);
    expect(result.stderr.join('\n')).toContain(verityUsage());
  });

  it('aligns the command list whatever the names', () => {
    const fake = (name: string, synopsis: string): VerityCommand => ({
      name,
      synopsis,
      summary: `does ${name}`,
      usage: '',
      run: async () => ({ exitCode: EXIT.OK, stdout: [], stderr: [] }),
    });
    const lines = verityUsage([fake('deposit', '<file>…'), fake('monitor', '')]).split('\n');
    const a = lines.find((l) => l.includes('does deposit')) ?? '';
    const b = lines.find((l) => l.includes('does monitor')) ?? '';
    expect(a.indexOf('does')).toBe(b.indexOf('does'));
    expect(b).toMatch(/^ {2}monitor {2,}does monitor$/);
  });
});
