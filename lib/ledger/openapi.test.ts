/**
 * The OpenAPI document names every route and method under app/api/v1, and a standard linter
 * (Redocly CLI, a pinned devDependency, with its recommended rules) finds no error in the
 * document as served. That the answers themselves match it is checked by the API tests
 * (test/api/openapi-check.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { GET as getOpenApiDocument } from '@/app/api/v1/openapi.json/route';
import { DEFAULT_BURST, DEFAULT_DAILY_QUOTA, DEFAULT_RATE_PER_MINUTE } from '@/lib/depositors/deposit-limits';

const ROOT = path.resolve(import.meta.dirname, '../..');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'];

/** Every route under app/api/v1 (as an OpenAPI path) with the methods its route.ts exports. */
function routes(dir: string, prefix = ''): Array<{ path: string; methods: string[] }> {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory())
      return routes(full, `${prefix}/${entry.replace(/^\[(?:\.\.\.)?(.+)\]$/, '{$1}')}`);
    if (entry !== 'route.ts') return [];
    const source = readFileSync(full, 'utf8');
    const methods = METHODS.filter((m) => new RegExp(`export (async )?function ${m}\\b`).test(source));
    return [{ path: prefix, methods: methods.map((m) => m.toLowerCase()).sort() }];
  });
}

const served = async () => (await getOpenApiDocument().json()) as { openapi: string; paths: Record<string, object> };

const temp = mkdtempSync(path.join(tmpdir(), 'verity-openapi-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and describes every /api/v1 route and method but itself', async () => {
    const document = await served();
    expect(document.openapi).toMatch(/^3\.1\./);
    const onDisk = routes(path.join(ROOT, 'app/api/v1')).filter((r) => r.path !== '/openapi.json');
    const described = Object.entries(document.paths).map(([p, item]) => ({
      path: p,
      methods: Object.keys(item)
        .filter((k) => METHODS.includes(k.toUpperCase()))
        .sort(),
    }));
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    expect(described.sort(byPath)).toEqual(onDisk.sort(byPath));
  });

  it('passes `redocly lint` with the recommended rules: no errors, and only the warnings explained here', async () => {
    const file = path.join(temp, 'openapi.json');
    writeFileSync(file, JSON.stringify(await served(), null, 2));
    // A devDependency (pinned), so it is always there after npm install: no skipping.
    const bin = path.join(ROOT, 'node_modules/.bin/redocly');
    const { stdout } = await promisify(execFile)(bin, ['lint', '--extends=recommended', '--format=json', file], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      timeout: 60_000,
    }).catch((error: { stdout?: string; message: string }) => {
      // redocly exits 1 when it finds errors; its report is still on stdout.
      if (error.stdout) return { stdout: error.stdout };
      throw error;
    });
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }>;
    };
    const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}`);
    expect(report.totals.errors, problems.join('\n')).toBe(0);
    expect(problems.sort()).toEqual(
      [
        // The project has not chosen a licence; the document does not invent one.
        'warn info-license #/info',
        // These take no input and answer no client error; a 4xx here would describe an answer
        // the server never gives.
        'warn operation-4xx-response #/paths/~1log~1checkpoint/get/responses',
        'warn operation-4xx-response #/paths/~1log~1key/get/responses',
        'warn operation-4xx-response #/paths/~1log~1witnesses/get/responses',
        'warn operation-4xx-response #/paths/~1log~1alarms/get/responses',
        'warn operation-4xx-response #/paths/~1certificates~1key/get/responses',
      ].sort(),
    );
  });
});

describe('the deposit limits in the OpenAPI document (issue #21)', () => {
  interface Answer {
    description: string;
    headers?: Record<string, { schema: { type?: string } }>;
    content?: Record<string, { schema: { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } } }>;
  }
  interface Operation {
    description: string;
    responses: Record<string, Answer>;
  }
  const depositOperations = async () => {
    const document = (await served()) as unknown as { paths: Record<string, Record<string, Operation>> };
    // Every operation that deposits: POST /deposits is the only one an API key may call.
    return [document.paths['/deposits']?.post].filter((o): o is Operation => o !== undefined);
  };

  it('answers every deposit operation 429 RATE_LIMITED with Retry-After and the RateLimit headers', async () => {
    const operations = await depositOperations();
    expect(operations).toHaveLength(1);
    for (const operation of operations) {
      const refused = operation.responses['429'];
      expect(refused?.content?.['application/json']?.schema.properties?.error?.properties?.code?.enum).toEqual([
        'RATE_LIMITED',
      ]);
      expect(refused?.headers?.['Retry-After']?.schema.type).toBe('integer');
      for (const name of ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy']) {
        expect(refused?.headers?.[name], name).toBeDefined();
        expect(operation.responses['201']?.headers?.[name], name).toBeDefined();
      }
      expect(refused?.description).toMatch(/00:00 UTC/);
      expect(operation.responses['413']?.description).toMatch(/burst or daily quota/);
    }
  });

  it('describes the limits: per key, counted in deposits, rate with burst, daily quota in UTC days, Retry-After', async () => {
    for (const operation of await depositOperations()) {
      expect(operation.description).toMatch(/per API key, counted in deposits/);
      expect(operation.description).toMatch(/burst/);
      expect(operation.description).toMatch(/daily quota.*UTC/);
      expect(operation.description).toMatch(/429 RATE_LIMITED with Retry-After/);
      expect(operation.description).toMatch(/nothing of the refused request is deposited/);
      // The defaults it names are the server's (written out: this document may load in a browser).
      const count = (n: number) => n.toLocaleString('en-US');
      expect(operation.description).toContain(`deposits a minute, default ${count(DEFAULT_RATE_PER_MINUTE)}`);
      expect(operation.description).toContain(`the most at once, default ${count(DEFAULT_BURST)}`);
      expect(operation.description).toContain(`default ${count(DEFAULT_DAILY_QUOTA)} a day`);
    }
  });
});
