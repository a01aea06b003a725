/**
 * Test support: fixed inputs with known answers, shared by the tests of this folder. Never
 * imported by library code.
 *
 * @module
 */

/** SHA-256("abc") and SM3("abc"): FIPS 180-4 and GB/T 32905 examples. */
export const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
export const ABC_SM3 = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';

/** RFC 8032 §7.1 TEST 1: Ed25519 secret key (seed) and its public key. */
export const ED25519_SEED = Uint8Array.from(
  Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex'),
);
export const ED25519_PUBLIC_KEY_HEX = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';

/** An SM2 private key d (any value in [1, n-2] will do). */
export const SM2_PRIVATE_KEY = Uint8Array.from(
  Buffer.from('3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8', 'hex'),
);

/** A request as a depositor might type it: upper-case digest, padded title, unordered metadata. */
export const SAMPLE_REQUEST = {
  digests: { sha256: ABC_SHA256.toUpperCase(), sm3: ABC_SM3 },
  title: '  采购合同 Contract 2026-001 ',
  metadata: { pages: 12, case: '(2026)京0491民初1号', signed: true },
};

export const SAMPLE_DEPOSITOR = { id: 'dep_01HZX', name: '北京某科技有限公司' };
export const SAMPLE_DEPOSITED_AT = new Date('2026-11-23T20:05:56.123Z');
