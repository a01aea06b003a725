import { describe, expect, it } from 'vitest';
import { parseAnchorEnv, parseServerEnv } from './server-env';

const CHAIN = {
  VERITY_ANCHOR_RPC_URL: 'https://chain.court.example:8545',
  VERITY_ANCHOR_CHAIN_ID: '20200',
  VERITY_ANCHOR_CONTRACT: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  VERITY_ANCHOR_SIGNER_KEY: `0x${'ab'.repeat(32)}`,
};

describe('the anchoring configuration', () => {
  it('has no chain and no TSA by default, anchoring every 60 s or 10,000 leaves with one confirmation', () => {
    expect(parseAnchorEnv({})).toEqual({
      VERITY_ANCHOR_CONFIRMATIONS: 1,
      VERITY_ANCHOR_INTERVAL_SECONDS: 60,
      VERITY_ANCHOR_EVERY_LEAVES: 10_000,
    });
  });

  it('takes a whole chain configuration, the contract in lower case', () => {
    const env = parseAnchorEnv({
      ...CHAIN,
      VERITY_ANCHOR_CONFIRMATIONS: '12',
      VERITY_ANCHOR_CHAIN_NAME: '某省法院联盟链',
    });
    expect(env).toMatchObject({
      VERITY_ANCHOR_CHAIN_ID: 20200,
      VERITY_ANCHOR_CONTRACT: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
      VERITY_ANCHOR_CONFIRMATIONS: 12,
      VERITY_ANCHOR_CHAIN_NAME: '某省法院联盟链',
    });
  });

  it('takes an external signer account instead of a key', () => {
    const { VERITY_ANCHOR_SIGNER_KEY: _, ...rest } = CHAIN;
    const env = parseAnchorEnv({ ...rest, VERITY_ANCHOR_SIGNER_ACCOUNT: `0x${'1'.repeat(40)}` });
    expect(env.VERITY_ANCHOR_SIGNER_ACCOUNT).toBe(`0x${'1'.repeat(40)}`);
  });

  it('names what is missing when only part of the chain is configured', () => {
    expect(() => parseAnchorEnv({ VERITY_ANCHOR_RPC_URL: CHAIN.VERITY_ANCHOR_RPC_URL })).toThrow(
      /VERITY_ANCHOR_CHAIN_ID, VERITY_ANCHOR_CONTRACT: must be set with VERITY_ANCHOR_RPC_URL/,
    );
    const { VERITY_ANCHOR_SIGNER_KEY: _, ...noSigner } = CHAIN;
    expect(() => parseAnchorEnv(noSigner)).toThrow(/VERITY_ANCHOR_SIGNER_KEY: must be set with the chain/);
    expect(() => parseAnchorEnv({ ...CHAIN, VERITY_ANCHOR_SIGNER_ACCOUNT: `0x${'1'.repeat(40)}` })).toThrow(
      /set one of the two/,
    );
    expect(() => parseAnchorEnv({ VERITY_ANCHOR_SIGNER_KEY: CHAIN.VERITY_ANCHOR_SIGNER_KEY })).toThrow(
      /VERITY_ANCHOR_RPC_URL: must be set when a signer is/,
    );
  });

  it('refuses malformed values with what is expected', () => {
    expect(() => parseAnchorEnv({ ...CHAIN, VERITY_ANCHOR_CONTRACT: '0x1234' })).toThrow(/40 hex digits/);
    expect(() => parseAnchorEnv({ ...CHAIN, VERITY_ANCHOR_SIGNER_KEY: 'secret' })).toThrow(/64 hex digits/);
    expect(() => parseAnchorEnv({ ...CHAIN, VERITY_ANCHOR_RPC_URL: 'ws://x:8546' })).toThrow(/http:\/\/ or https:\/\//);
    expect(() => parseAnchorEnv({ ...CHAIN, VERITY_ANCHOR_CHAIN_ID: '0' })).toThrow(/at least 1/);
    expect(() => parseAnchorEnv({ VERITY_ANCHOR_INTERVAL_SECONDS: '0' })).toThrow(/at least 1 second/);
  });

  it('tries TSAs in the order given and requires their roots', () => {
    const env = parseAnchorEnv({
      VERITY_TSA_URLS: 'https://tsa.example.cn/tsa, http://backup.example.cn/ts',
      VERITY_TSA_ROOTS: '/etc/verity/tsa-roots.pem',
    });
    expect(env.VERITY_TSA_URLS).toEqual(['https://tsa.example.cn/tsa', 'http://backup.example.cn/ts']);
    expect(() => parseAnchorEnv({ VERITY_TSA_URLS: 'https://tsa.example.cn/tsa' })).toThrow(
      /VERITY_TSA_ROOTS: must name/,
    );
    expect(() => parseAnchorEnv({ VERITY_TSA_ROOTS: '/x.pem' })).toThrow(/VERITY_TSA_URLS: must be set/);
    expect(() => parseAnchorEnv({ VERITY_TSA_URLS: 'ftp://tsa', VERITY_TSA_ROOTS: '/x.pem' })).toThrow(/http/);
  });

  it('is checked by the whole server configuration too', () => {
    expect(() => parseServerEnv({ VERITY_ANCHOR_CHAIN_ID: '1' })).toThrow(/VERITY_ANCHOR_RPC_URL/);
  });
});
