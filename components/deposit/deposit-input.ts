/**
 * One hashed file as the deposit page sends it: its digests, the title typed for it (trimmed;
 * omitted when empty) and its name and size. Titles are checked here with the server's own
 * schema, so a person sees the problem by the field instead of a refusal of the whole batch.
 *
 * @module
 */
import type { Digests } from '@/lib/hashing';
import { type BrowserDeposit, ZBrowserDeposit, ZFileFacts } from '@/lib/ledger/deposit-from-browser.schema';
import { MAX_TITLE_LENGTH } from '@/lib/ledger/statement/limits';

export type TitleProblem = { kind: 'too_long'; count: number; max: number } | { kind: 'characters' };

/** What is wrong with a title as typed, or null (an empty title is fine: it is omitted). */
export function titleProblem(title: string): TitleProblem | null {
  const trimmed = title.trim();
  if (trimmed === '') return null;
  if (ZBrowserDeposit.shape.title.safeParse(trimmed).success) return null;
  const count = [...trimmed].length;
  return count > MAX_TITLE_LENGTH ? { kind: 'too_long', count, max: MAX_TITLE_LENGTH } : { kind: 'characters' };
}

export function browserDeposit(file: { name: string; size: number; digests: Digests }, title: string): BrowserDeposit {
  const trimmed = title.trim();
  const facts = { name: file.name, size: file.size };
  // The name is optional context: one the ledger would refuse (too long, control or bidi
  // characters) is left out rather than refusing the file's deposit.
  const named = ZFileFacts.safeParse(facts).success;
  return {
    digests: { ...file.digests },
    ...(trimmed ? { title: trimmed } : {}),
    ...(named ? { file: facts } : {}),
  };
}
