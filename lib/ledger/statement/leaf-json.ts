/**
 * The leaf bytes' text for a deposit statement, written directly rather than by the general
 * RFC 8785 serialiser: the deposit API builds a thousand leaves per batch and every lookup checks
 * a stored leaf against it.
 * @see ./canonical-json.ts
 * @module
 */
import type { LeafStatement } from './leaf-statement.schema';

/**
 * The RFC 8785 canonical JSON of a statement the schema has accepted, written directly: the
 * statement's member names are fixed and none is an array index, so JSON.stringify writes them in
 * the order given here, which is the order RFC 8785 §3.2.3 sorts them into; its strings and
 * numbers are exactly RFC 8785's (§3.2.2 defers to ECMAScript), and the schema has refused lone
 * surrogates. About three times faster than the general `canonicalJson`, and tested equal to it
 * (build-leaf.test.ts), including that these are all the schema's members.
 */
export function leafJson(s: LeafStatement): string {
  const q = JSON.stringify;
  const { digests, signature } = s;
  let digestMembers = digests.sha256 === undefined ? '' : `"sha256":${q(digests.sha256)}`;
  if (digests.sm3 !== undefined) digestMembers += `${digestMembers ? ',' : ''}"sm3":${q(digests.sm3)}`;
  return (
    `{"depositedAt":${q(s.depositedAt)},"depositor":{"id":${q(s.depositor.id)},"name":${q(s.depositor.name)}},` +
    `"digests":{${digestMembers}},` +
    (s.metadataSha256 === undefined ? '' : `"metadataSha256":${q(s.metadataSha256)},`) +
    (signature === undefined
      ? ''
      : `"signature":{"algorithm":${q(signature.algorithm)},"publicKey":${q(signature.publicKey)},"value":${q(signature.value)}},`) +
    (s.titleSha256 === undefined ? '' : `"titleSha256":${q(s.titleSha256)},`) +
    `"version":${q(s.version)}}`
  );
}
