/**
 * Which hashed file a dropped certificate is compared with (`fileDigests`), so that dropping a
 * certificate together with the file it certifies checks both:
 *
 * 1. among the files dropped with it: the one with the certified digests, else the one with the
 *    certified file name, else the only one;
 * 2. else among the files already in the list: the one with the certified digests, else the one
 *    with the certified file name.
 *
 * A different file dropped alone with a certificate is therefore compared, and fails
 * `file_digests`: that is the point of dropping it. Pure: the page's state goes in.
 *
 * @module
 */

export interface HashedFile {
  id: string;
  name: string;
  digests: { sha256?: string; sm3?: string };
}

export interface CertifiedFile {
  fileName: string | null;
  digests: { sha256: string; sm3: string };
}

function sameDigests(file: HashedFile, certified: CertifiedFile): boolean {
  const { sha256, sm3 } = file.digests;
  return (
    (sha256 !== undefined || sm3 !== undefined) &&
    (sha256 === undefined || sha256 === certified.digests.sha256) &&
    (sm3 === undefined || sm3 === certified.digests.sm3)
  );
}

export function pickOriginal(
  certified: CertifiedFile,
  droppedWith: readonly HashedFile[],
  earlier: readonly HashedFile[],
): HashedFile | null {
  const byDigests = (files: readonly HashedFile[]) => files.find((f) => sameDigests(f, certified));
  const byName = (files: readonly HashedFile[]) =>
    certified.fileName === null ? undefined : files.find((f) => f.name === certified.fileName);
  return (
    byDigests(droppedWith) ??
    byName(droppedWith) ??
    (droppedWith.length === 1 ? droppedWith[0] : undefined) ??
    byDigests(earlier) ??
    byName(earlier) ??
    null
  );
}
