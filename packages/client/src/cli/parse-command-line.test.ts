import { describe, expect, it } from 'vitest';
import { parseCommandLine } from './parse-command-line';

const OPTIONS = {
  file: { type: 'string' },
  'log-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

describe('parseCommandLine', () => {
  it('reads positionals and options in either spelling, in any order', () => {
    expect(parseCommandLine(['a.pdf', '--file', 'x.bin', '--log-key=k+1+AA=='], OPTIONS)).toEqual({
      ok: true,
      values: { file: 'x.bin', 'log-key': 'k+1+AA==' },
      positionals: ['a.pdf'],
    });
    expect(parseCommandLine(['-h'], OPTIONS)).toEqual({ ok: true, values: { help: true }, positionals: [] });
    expect(parseCommandLine([], OPTIONS)).toEqual({ ok: true, values: {}, positionals: [] });
  });

  it('takes everything after -- and a lone - as positionals; a value may start with a dash when inline', () => {
    expect(parseCommandLine(['--', '--file', '-'], OPTIONS)).toEqual({
      ok: true,
      values: {},
      positionals: ['--file', '-'],
    });
    expect(parseCommandLine(['--file=-x', '-'], OPTIONS)).toEqual({
      ok: true,
      values: { file: '-x' },
      positionals: ['-'],
    });
  });

  it.each([
    [['--bogus'], 'unknown option --bogus'],
    [['-x'], 'unknown option -x'],
    [['--bogus=1', 'a'], 'unknown option --bogus'],
    [['a', '--file'], '--file needs a value'],
    [['--file='], '--file needs a value'],
    [['--file', '--log-key', 'k'], '--file needs a value'],
    [['--file', 'a', '--file=b'], '--file is given twice'],
    [['--help=yes'], '--help takes no value'],
  ])('refuses %j: %s', (argv, message) => {
    expect(parseCommandLine(argv, OPTIONS)).toEqual({ ok: false, message });
  });

  it('does not mistake inherited names for options', () => {
    expect(parseCommandLine(['--constructor'], OPTIONS)).toEqual({
      ok: false,
      message: 'unknown option --constructor',
    });
  });

  it('collects a repeatable option in order; a single one is still refused twice', () => {
    const options = { key: { type: 'string', multiple: true }, quorum: { type: 'string' } } as const;
    expect(parseCommandLine(['--key', 'a', '--quorum', '2', '--key=b'], options)).toEqual({
      ok: true,
      values: { key: ['a', 'b'], quorum: '2' },
      positionals: [],
    });
    expect(parseCommandLine(['--quorum', '1', '--quorum', '2'], options)).toEqual({
      ok: false,
      message: '--quorum is given twice',
    });
    expect(parseCommandLine(['--key'], options)).toEqual({ ok: false, message: '--key needs a value' });
  });
});
