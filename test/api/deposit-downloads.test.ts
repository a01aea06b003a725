/**
 * Issue #17's download routes through their handlers, on the real database; only the session
 * lookup is replaced. GET /deposit/receipt/{id}, GET and POST /deposit/certificate: 401 without a
 * session, 403 for other roles, 404 for another organisation's deposit, the file with a UTF-8 name
 * (RFC 6266 filename*) for the organisation's depositors; the certificate's QR codes name the
 * public origin, whoever asks through whichever address.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as getCertificate, POST as postCertificate } from '@/app/(portal)/deposit/certificate/route';
import { GET as getReceipt } from '@/app/(portal)/deposit/receipt/[id]/route';
import type { Actor } from '@/lib/auth/actor';
import { getCurrentUser } from '@/lib/auth/session';
import { extractAttachedCertificate } from '@/lib/certificates/pdf/pdf-attachment';
import type { DepositCertificateFile } from '@/lib/deposit-certificates/format/deposit-certificate-body';
import { depositFromBrowser } from '@/lib/ledger/deposit-from-browser';
import { buildUser, tag } from '@/test/builders';

vi.mock('@/lib/auth/session', () => ({ getCurrentUser: vi.fn() }));

const PUBLIC = 'https://verity.court.example';
const savedUrl = process.env.NEXTAUTH_URL;
const hex = () => randomBytes(32).toString('hex');
let signedIn: Actor | null;
let depositor: Actor;
let other: Actor;
let id: string;
let t: string;

beforeAll(async () => {
  process.env.NEXTAUTH_URL = PUBLIC;
  t = tag();
  depositor = (await buildUser({ role: 'depositor' })).actor;
  other = (await buildUser({ role: 'depositor' })).actor;
  const { receipts } = await depositFromBrowser(depositor, {
    deposits: [
      { digests: { sha256: hex(), sm3: hex() }, title: `采购合同 ${t}`, file: { name: `合同-${t}.pdf`, size: 9 } },
    ],
  });
  id = receipts[0]?.id as string;
});

afterAll(() => {
  if (savedUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedUrl;
});

beforeEach(() => {
  signedIn = depositor;
  vi.mocked(getCurrentUser).mockImplementation(async () => signedIn);
});

const receipt = (which = id) =>
  getReceipt(new Request(`http://10.0.0.7:3000/deposit/receipt/${which}`), { params: Promise.resolve({ id: which }) });
const certificate = (query: string) => getCertificate(new Request(`http://10.0.0.7:3000/deposit/certificate?${query}`));
const post = (body: unknown, type = 'application/json') =>
  postCertificate(
    new Request('http://10.0.0.7:3000/deposit/certificate', {
      method: 'POST',
      headers: { 'content-type': type },
      body: JSON.stringify(body),
    }),
  );

describe('GET /deposit/receipt/{id}', () => {
  it('answers the receipt file with the kept title, named after it, to the organisation', async () => {
    const response = await receipt();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const disposition = response.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toMatch(
      new RegExp(`^采购合同_${t}\\.\\d{4}-\\d{2}-\\d{2}\\.verity-receipt\\.json$`),
    );
    const body = await response.json();
    expect(body).toMatchObject({ id, title: `采购合同 ${t}`, status: 'sealed' });
    expect(body.metadata).toBeUndefined(); // the file name is not kept on the server
  });

  it('is 401 without a session, 403 for another role, 404 for another organisation or a malformed ID', async () => {
    signedIn = null;
    expect((await receipt()).status).toBe(401);
    signedIn = (await buildUser({ role: 'judge' })).actor;
    expect((await receipt()).status).toBe(403);
    signedIn = other;
    expect((await receipt()).status).toBe(404);
    signedIn = depositor;
    expect((await receipt('not-a-uuid')).status).toBe(422);
  });
});

describe('/deposit/certificate', () => {
  it('GET by ID answers the PDF, its checks naming the public origin', async () => {
    const response = await certificate(`id=${id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const bytes = new Uint8Array(await response.arrayBuffer());
    const file = JSON.parse(
      new TextDecoder().decode(await extractAttachedCertificate(bytes)),
    ) as DepositCertificateFile;
    expect(file.body.deposits[0]).toMatchObject({ id, file: null, checkUrl: `${PUBLIC}/verify?deposit=${id}` });
  });

  it('POST with the file name names the file, and refuses a name the deposit does not record', async () => {
    const response = await post({ deposits: [{ id, file: { name: `合同-${t}.pdf`, size: 9 } }] });
    expect(response.status).toBe(200);
    expect(decodeURIComponent(response.headers.get('content-disposition')?.split("UTF-8''")[1] ?? '')).toMatch(
      new RegExp(`^合同-${t}\\.pdf\\.\\d{4}-\\d{2}-\\d{2}\\.deposit-certificate\\.pdf$`),
    );
    expect((await post({ deposits: [{ id, file: { name: 'x.pdf', size: 9 } }] })).status).toBe(422);
    expect((await post({ deposits: [{ id }] }, 'text/plain')).status).toBe(415);
    expect((await post({ deposits: 'all' })).status).toBe(422);
  });

  it('is 401 without a session, 403 for another role, 404 for another organisation, 422 without IDs', async () => {
    signedIn = null;
    expect((await certificate(`id=${id}`)).status).toBe(401);
    signedIn = (await buildUser({ role: 'clerk' })).actor;
    expect((await certificate(`id=${id}`)).status).toBe(403);
    signedIn = other;
    expect((await certificate(`id=${id}`)).status).toBe(404);
    signedIn = depositor;
    expect((await certificate('')).status).toBe(422);
  });
});
