import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCustodyRequest } from './check-custody-request';
import { CUSTODY_TOKEN_PARAM, issueCustodyToken, isValidCustodyToken } from './custody-token';

const PATH = `/api/v1/exhibits/${randomUUID()}/file`;
const personId = randomUUID();
const saved = process.env.NEXTAUTH_SECRET;

beforeEach(() => {
  process.env.NEXTAUTH_SECRET = 'a test secret of at least thirty-two characters';
});
afterEach(() => {
  if (saved === undefined) delete process.env.NEXTAUTH_SECRET;
  else process.env.NEXTAUTH_SECRET = saved;
});

const check = (site: string | null, url = `http://10.0.0.7:3000${PATH}`, who = personId) =>
  checkCustodyRequest({
    headers: new Headers(site === null ? {} : { 'sec-fetch-site': site }),
    url,
    personId: who,
  });

describe('checkCustodyRequest', () => {
  it('lets the portal’s own pages and the person’s own navigation through', () => {
    expect(check('same-origin')).toEqual({ own: true });
    expect(check('none')).toEqual({ own: true });
  });

  it.each(['cross-site', 'same-site', 'nonsense'])('sends %s to the button page, at a relative address', (site) => {
    const answer = check(site, `http://10.0.0.7:3000${PATH}?history=2`);
    expect(answer.own).toBe(false);
    if (answer.own) return;
    expect(answer.site).toBe(site === 'same-site' ? 'same-site' : 'cross-site');
    const href = new URL(answer.confirmHref, 'http://portal.example');
    expect(answer.confirmHref.startsWith('/')).toBe(true);
    expect(href.pathname).toBe(PATH);
    expect(href.searchParams.get('history')).toBe('2');
    expect(isValidCustodyToken(href.searchParams.get(CUSTODY_TOKEN_PARAM), { personId, path: PATH })).toBe(true);
  });

  it('answers a request without Sec-Fetch-Site with the button page, whose token lets it through', () => {
    const first = check(null);
    expect(first).toMatchObject({ own: false, site: 'absent' });
    if (first.own) return;
    expect(check(null, `http://10.0.0.7:3000${first.confirmHref}`)).toEqual({ own: true });
  });

  it('does not take the token from a browser that says cross-site, or for another person or path', () => {
    const token = issueCustodyToken({ personId, path: PATH }) ?? '';
    const withToken = (path: string) =>
      `http://10.0.0.7:3000${path}?${CUSTODY_TOKEN_PARAM}=${encodeURIComponent(token)}`;
    expect(check('cross-site', withToken(PATH)).own).toBe(false);
    expect(check(null, withToken(PATH), randomUUID()).own).toBe(false);
    expect(check(null, withToken(`/api/v1/exhibits/${randomUUID()}/file`)).own).toBe(false);
    expect(check(null, withToken(PATH)).own).toBe(true);
  });

  it('refuses expired, altered and malformed tokens', () => {
    const past = new Date(Date.now() - 11 * 60_000);
    const old = issueCustodyToken({ personId, path: PATH, now: past }) ?? '';
    expect(isValidCustodyToken(old, { personId, path: PATH, now: past })).toBe(true);
    expect(isValidCustodyToken(old, { personId, path: PATH })).toBe(false);
    const fresh = issueCustodyToken({ personId, path: PATH }) ?? '';
    const [expiry, mac] = fresh.split('.');
    expect(isValidCustodyToken(`${Number(expiry) + 1}.${mac}`, { personId, path: PATH })).toBe(false);
    for (const bad of ['', 'x', `${expiry}.`, `${expiry}.${mac}=`, null, undefined]) {
      expect(isValidCustodyToken(bad, { personId, path: PATH })).toBe(false);
    }
  });

  it('issues and accepts no token without NEXTAUTH_SECRET: the button is the plain address', () => {
    const token = issueCustodyToken({ personId, path: PATH }) ?? '';
    delete process.env.NEXTAUTH_SECRET;
    expect(isValidCustodyToken(token, { personId, path: PATH })).toBe(false);
    const answer = check(null, `http://10.0.0.7:3000${PATH}?${CUSTODY_TOKEN_PARAM}=${token}`);
    expect(answer).toEqual({ own: false, site: 'absent', confirmHref: PATH });
  });
});
