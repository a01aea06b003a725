import { describe, expect, it } from 'vitest';
import { addEdgeHeaders, SECURITY_HEADERS } from './security-headers';

describe('addEdgeHeaders', () => {
  it('adds HSTS for a year when the public address is https, on pages and API answers alike', () => {
    for (const path of ['/', '/api/v1/log/checkpoint']) {
      const headers: Record<string, unknown> = {};
      addEdgeHeaders(path, headers, 'https://evidence.court.example');
      expect(headers['strict-transport-security'], path).toBe('max-age=31536000');
      expect(headers).toMatchObject(SECURITY_HEADERS);
    }
  });

  it('sends no HSTS when the public address is plain http or not configured', () => {
    for (const url of ['http://localhost:3000', undefined]) {
      const headers: Record<string, unknown> = {};
      addEdgeHeaders('/', headers, url);
      expect(headers['strict-transport-security'], String(url)).toBeUndefined();
    }
  });

  it("keeps an answer's own values and sets no-store only on API answers without a policy", () => {
    const own: Record<string, unknown> = { 'strict-transport-security': 'max-age=60', 'cache-control': 'public' };
    addEdgeHeaders('/api/v1/x', own, 'https://evidence.court.example');
    expect(own['strict-transport-security']).toBe('max-age=60');
    expect(own['cache-control']).toBe('public');
    const api: Record<string, unknown> = {};
    addEdgeHeaders('/api/v1/x', api, undefined);
    expect(api['cache-control']).toBe('no-store');
    const page: Record<string, unknown> = {};
    addEdgeHeaders('/cases', page, undefined);
    expect(page['cache-control']).toBeUndefined();
  });
});
