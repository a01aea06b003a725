/**
 * Whether a subject (a file's digests, or one pasted digest) matches what a deposit records.
 * Pure; shared by the public check page and the server's exhibit verification.
 *
 * @module
 */
import { ALGORITHMS, type Algorithm, type Digests } from '@/lib/hashing/digests';

/** What is being verified: a file's digests (computed here), or one digest a person pasted. */
export type Subject = { kind: 'file'; digests: Digests } | { kind: 'digest'; hex: string };

/**
 * A file matches when every algorithm both sides have agrees (null: none in common). A pasted
 * digest does not say its algorithm (SHA-256 and SM3 are both 64 hex digits): it matches when it
 * equals either recorded digest.
 */
export function subjectMatch(subject: Subject, recorded: Digests): { match: boolean | null; algorithms: Algorithm[] } {
  if (subject.kind === 'digest') {
    const algorithms = ALGORITHMS.filter((a) => recorded[a] === subject.hex);
    return { match: algorithms.length > 0, algorithms };
  }
  const common = ALGORITHMS.filter((a) => subject.digests[a] !== undefined && recorded[a] !== undefined);
  if (common.length === 0) return { match: null, algorithms: [] };
  const algorithms = common.filter((a) => subject.digests[a] === recorded[a]);
  return { match: algorithms.length === common.length, algorithms };
}
