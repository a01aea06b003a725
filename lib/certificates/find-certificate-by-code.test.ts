/**
 * Finding a certificate by its number and check code, on the real database: the right pair finds
 * it however it is typed; a wrong code, a wrong number and a number of another certificate all get
 * the one same answer; malformed input names the field; wrong attempts are limited per address.
 */
import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors/app-error';
import { buildCourtroom, depositSealed, digestsOf, randomEvidence } from '@/lib/exhibits/exhibits.testing';
import { submitHashOnlyExhibit } from '@/lib/exhibits/submit-exhibit';
import {
  findCertificateByCode,
  LOOKUP_ADDRESS_POLICY,
  LOOKUP_NOT_FOUND_MESSAGE,
  normaliseCertificateNumber,
} from './find-certificate-by-code';
import { certificateCheckCode, formatCheckCode } from './format/check-code';
import { getCertificateFile } from './get-certificate-file';
import { issueCertificate } from './issue-certificate';

let first: { id: string; number: string; code: string };
let second: { id: string; number: string; code: string };

/** A client address of the test's own, so no other test's attempts count against it. */
function address(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

async function refusal(input: unknown, clientAddress: string) {
  try {
    await findCertificateByCode(input, { clientAddress });
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  const room = await buildCourtroom();
  const original = randomEvidence();
  const depositId = await depositSealed(original);
  const issue = async (bytes: Uint8Array, claimedDepositId?: string) => {
    const exhibit = await submitHashOnlyExhibit(room.plaintiff.actor, room.caseA.id, {
      title: 'contract',
      fileName: 'contract.pdf',
      size: bytes.length,
      ...digestsOf(bytes),
      ...(claimedDepositId ? { claimedDepositId } : {}),
    });
    const { id, number } = await issueCertificate(room.clerk.actor, exhibit.id);
    const file = await getCertificateFile(id);
    if (!file) throw new Error('no file');
    return { id, number, code: certificateCheckCode(file.body) };
  };
  first = await issue(original, depositId);
  second = await issue(randomEvidence());
});

describe('findCertificateByCode', () => {
  it('finds the certificate by its number and the code printed on it, however they are typed', async () => {
    const clientAddress = address();
    expect(await findCertificateByCode({ number: first.number, code: first.code }, { clientAddress })).toEqual({
      id: first.id,
      number: first.number,
      code: first.code,
    });
    const typed = {
      number: ` ${first.number.toLowerCase().replace(/-/g, ' ')} `,
      code: formatCheckCode(first.code).toLowerCase(),
    };
    // The code comes back normalised, as the page's check sends it on.
    expect(await findCertificateByCode(typed, { clientAddress })).toMatchObject({ id: first.id, code: first.code });
    expect((await findCertificateByCode({ number: second.number, code: second.code }, { clientAddress })).id).toBe(
      second.id,
    );
  });

  it('gives one same answer for a wrong code, an unknown number and another certificate’s code', async () => {
    const clientAddress = address();
    const wrongCode = first.code.startsWith('2') ? `3${first.code.slice(1)}` : `2${first.code.slice(1)}`;
    const unknownNumber = first.number.replace(/\d{6}$/, '999999');
    const answers = [
      await refusal({ number: first.number, code: wrongCode }, clientAddress),
      await refusal({ number: unknownNumber, code: first.code }, clientAddress),
      await refusal({ number: first.number, code: second.code }, clientAddress),
    ];
    for (const answer of answers) {
      expect(answer).toEqual({ code: 'NOT_FOUND', message: LOOKUP_NOT_FOUND_MESSAGE, details: undefined });
    }
  });

  it('names the field of a malformed number or code, and does not count it', async () => {
    const clientAddress = address();
    const bad = await refusal({ number: 'certificate 123', code: 'abc' }, clientAddress);
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(((bad.details?.issues ?? []) as Array<{ path: string }>).map((i) => i.path)).toEqual(['number', 'code']);
    expect((await refusal({ number: 42, code: null }, clientAddress)).code).toBe('VALIDATION_FAILED');
    expect((await refusal(undefined, clientAddress)).code).toBe('VALIDATION_FAILED');
    for (let i = 0; i < LOOKUP_ADDRESS_POLICY.maxFailures + 2; i++) {
      expect((await refusal({ number: 'x', code: 'y' }, clientAddress)).code).toBe('VALIDATION_FAILED');
    }
    expect((await findCertificateByCode({ number: first.number, code: first.code }, { clientAddress })).id).toBe(
      first.id,
    );
  });

  it('refuses an address after too many wrong attempts, even the right pair, and no other address', async () => {
    const clientAddress = address();
    const wrong = { number: first.number, code: first.code.split('').reverse().join('') };
    if (wrong.code === first.code) wrong.code = '00000000';
    for (let i = 0; i < LOOKUP_ADDRESS_POLICY.maxFailures; i++) {
      expect((await refusal(wrong, clientAddress)).code).toBe('NOT_FOUND');
    }
    const limited = await refusal({ number: first.number, code: first.code }, clientAddress);
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.details?.retryAfterSeconds).toBeGreaterThan(0);
    expect(
      (await findCertificateByCode({ number: first.number, code: first.code }, { clientAddress: address() })).id,
    ).toBe(first.id);
  });
});

describe('normaliseCertificateNumber', () => {
  it('accepts the printed form in any case, with spaces or full-width characters, and nothing else', () => {
    expect(normaliseCertificateNumber('VC-2026-000123')).toBe('VC-2026-000123');
    expect(normaliseCertificateNumber(' vc 2026 000123 ')).toBe('VC-2026-000123');
    expect(normaliseCertificateNumber('ＶＣ－２０２６－０００１２３')).toBe('VC-2026-000123');
    for (const bad of ['', 'VC-2026-123', 'VC-26-000123', '2026-000123', 'VC-2026-000123x']) {
      expect(normaliseCertificateNumber(bad)).toBeNull();
    }
  });
});
