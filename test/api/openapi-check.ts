/**
 * Test support: every answer the API tests receive is checked against the OpenAPI document the
 * portal serves (GET /api/v1/openapi.json), with a standard JSON Schema 2020-12 validator (Ajv),
 * found by path, method, status and content type. An answer the document does not describe — a
 * status it does not list, a content type it does not name, a body its schema refuses — fails the
 * test that received it.
 *
 * Use `documented(method, path, handler)` around a route handler and `documentedFetch()` around a
 * fetch of the front server; both hand the answer back unread.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { GET as getOpenApiDocument } from '@/app/api/v1/openapi.json/route';

const DOCUMENT_ID = 'https://verity.invalid/api/v1/openapi.json';
const API_PREFIX = '/api/v1';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

interface Checker {
  paths: Record<string, Record<string, Operation>>;
  templates: Array<{ path: string; pattern: RegExp }>;
  validators: Map<string, ValidateFunction>;
  ajv: Ajv2020;
}

let checker: Promise<Checker> | undefined;

/** The served document, loaded once per test file into Ajv. */
function load(): Promise<Checker> {
  checker ??= (async () => {
    const response = getOpenApiDocument();
    if (response.status !== 200) throw new Error(`openapi.json answered ${response.status}`);
    const document = (await response.json()) as { paths: Checker['paths'] };
    // strict: unknown keywords, missing types and the like are errors, so a schema the document
    // gets wrong cannot pass silently.
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    // The OpenAPI object's own members, so Ajv can hold the document and resolve its $refs.
    ajv.addVocabulary(['openapi', 'info', 'servers', 'tags', 'paths', 'components', 'security', 'webhooks']);
    ajv.addSchema({ ...document, $id: DOCUMENT_ID });
    // Literal paths before templated ones: /certificates/key is not /certificates/{id}.
    const templates = Object.keys(document.paths)
      .sort((a, b) => a.split('{').length - b.split('{').length)
      .map((path) => ({
        path,
        pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      }));
    return { paths: document.paths, templates, validators: new Map(), ajv };
  })();
  return checker;
}

const pointer = (...parts: string[]) => parts.map((p) => `/${p.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/**
 * Throws unless the document describes `response` as an answer of `method path` (path as the
 * document writes it: `/deposits/{id}`). Reads a clone: the response stays unread.
 */
export async function checkAnswer(method: string, path: string, response: Response): Promise<void> {
  const { paths, validators, ajv } = await load();
  const verb = method.toLowerCase();
  const where = `${method.toUpperCase()} ${path} → ${response.status}`;
  const operation = paths[path]?.[verb];
  if (!operation) throw new Error(`${where}: the document has no such operation`);
  const status = String(response.status);
  const statusKey = [status, `${status[0]}XX`, 'default'].find((key) => key in operation.responses);
  if (!statusKey) {
    throw new Error(`${where}: the document lists no such status (${Object.keys(operation.responses).join(', ')})`);
  }
  const described = operation.responses[statusKey]?.content;
  const body = Buffer.from(await response.clone().arrayBuffer());
  if (!described || verb === 'head') {
    if (body.length > 0) throw new Error(`${where}: the document describes no body, got ${body.length} bytes`);
    return;
  }
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const media = described[mediaType];
  if (!media) {
    throw new Error(`${where}: content type "${mediaType}" is not described (${Object.keys(described).join(', ')})`);
  }
  if (media.schema === undefined) return; // bytes (a PDF, a ZIP, a file): the type is all there is to check
  let value: unknown;
  const text = body.toString('utf8');
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    try {
      value = JSON.parse(text);
    } catch {
      throw new Error(`${where}: the body is not JSON: ${text.slice(0, 200)}`);
    }
  } else if (mediaType.startsWith('text/')) {
    value = text;
  } else {
    throw new Error(`${where}: the document gives a schema for ${mediaType}, which this check cannot read`);
  }
  const key = pointer('paths', path, verb, 'responses', statusKey, 'content', mediaType, 'schema');
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${key}` });
    validators.set(key, validate);
  }
  if (!validate(value)) {
    const problems = [
      ...new Set(
        (validate.errors ?? []).map(
          (e) =>
            `${e.instancePath || '/'} ${e.message}${e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`,
        ),
      ),
    ];
    const shown = problems.slice(0, 12).join('; ') + (problems.length > 12 ? `; and ${problems.length - 12} more` : '');
    throw new Error(`${where}: the body does not match the document's schema: ${shown}\n${text.slice(0, 500)}`);
  }
}

/** A route handler whose every answer is checked against the document (`path` as the document writes it). */
export function documented<A extends unknown[]>(
  method: string,
  path: string,
  handler: (...args: A) => Response | Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    const response = await handler(...args);
    await checkAnswer(method, path, response);
    return response;
  };
}

/** `fetch` whose every answer from an /api/v1 path is checked against the document. */
export async function documentedFetch(input: string | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  const { pathname } = new URL(input);
  if (!pathname.startsWith(`${API_PREFIX}/`)) return response;
  const { templates } = await load();
  const local = pathname.slice(API_PREFIX.length);
  const template = templates.find((t) => t.pattern.test(local));
  if (!template) throw new Error(`${pathname}: the document has no such path`);
  await checkAnswer(init?.method ?? 'GET', template.path, response);
  return response;
}
