import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

/** Every route under app/api/v1 (as an OpenAPI path), found on disk. */
function routes(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routes(full, `${prefix}/${entry.replace(/^\[(.+)\]$/, '{$1}')}`);
    return entry === 'route.ts' ? [prefix] : [];
  });
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and describes every /api/v1 route but itself', () => {
    expect(openApiDocument.openapi).toBe('3.1.0');
    const onDisk = routes(path.resolve(import.meta.dirname, '../../app/api/v1')).filter((r) => r !== '/openapi.json');
    expect(Object.keys(openApiDocument.paths).sort()).toEqual(onDisk.sort());
  });
});
