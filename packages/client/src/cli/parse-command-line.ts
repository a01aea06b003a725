/**
 * A command's arguments, read the same way by every `verity` command: Node's own parser
 * (`util.parseArgs`: `--name value`, `--name=value`, `-h`, `--` before positionals), with the
 * checks it leaves to the caller when it reports by token — an unknown option, a value missing
 * (or only the next option where the value should be: `--file --log-key k`; write `--file=-x`
 * for a file named `-x`), a flag given a value, an option given twice — each answered with a
 * message a person can act on, which the command prints as a usage error (exit 2).
 *
 * @see https://nodejs.org/api/util.html#utilparseargsconfig
 * @module
 */
import { parseArgs } from 'node:util';

/** `multiple: true` (string options only): the option may be given again, its values collected in order. */
export type OptionSpecs = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

export type OptionValues<S extends OptionSpecs> = {
  [K in keyof S]?: S[K]['type'] extends 'string' ? (S[K]['multiple'] extends true ? string[] : string) : true;
};

export type ParsedCommandLine<S extends OptionSpecs> =
  | { ok: true; values: OptionValues<S>; positionals: string[] }
  | { ok: false; message: string };

export function parseCommandLine<S extends OptionSpecs>(argv: readonly string[], options: S): ParsedCommandLine<S> {
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | string[] | true> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (!spec) return { ok: false, message: `unknown option ${token.rawName}` };
    if (Object.hasOwn(values, token.name) && !spec.multiple) {
      return { ok: false, message: `${token.rawName} is given twice` };
    }
    if (spec.type === 'boolean') {
      if (token.value !== undefined) return { ok: false, message: `${token.rawName} takes no value` };
      values[token.name] = true;
      continue;
    }
    const value = token.value;
    const tookNextOption = !token.inlineValue && value !== undefined && value.startsWith('-') && value !== '-';
    if (value === undefined || value === '' || tookNextOption) {
      return { ok: false, message: `${token.rawName} needs a value` };
    }
    if (spec.multiple) values[token.name] = [...((values[token.name] as string[] | undefined) ?? []), value];
    else values[token.name] = value;
  }
  return { ok: true, values: values as OptionValues<S>, positionals };
}
