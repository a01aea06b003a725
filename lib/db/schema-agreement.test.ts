/**
 * Proves that the SQL migrations (the only thing that changes the database) and
 * prisma/schema.prisma (what the Prisma client is generated from) describe the same tables:
 * every model's table and columns exist with the same nullability and type, no table or
 * column exists that the schema does not know, the same indexes exist (primary keys, unique
 * and plain indexes; partial ones the schema cannot declare are listed), enums have the same
 * labels, and every model can be written and read back through the generated client. Views
 * (`view` blocks) are compared like tables, except for nullability, which PostgreSQL does not
 * record for a view's columns, and indexes, which views do not have.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from './client';

interface SchemaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  nativeType?: string;
}
interface SchemaModel {
  name: string;
  table: string;
  fields: SchemaField[];
}

const SCHEMA = readFileSync(path.resolve(import.meta.dirname, '../../prisma/schema.prisma'), 'utf8');

function blocks(kind: 'model' | 'view' | 'enum'): Array<{ name: string; body: string[] }> {
  const re = new RegExp(`^${kind} (\\w+) \\{\\n([\\s\\S]*?)^\\}`, 'gm');
  return [...SCHEMA.matchAll(re)].map((m) => ({
    name: m[1] ?? '',
    body: (m[2] ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('//')),
  }));
}

const enums = new Map(
  blocks('enum').map(({ name, body }) => {
    const mapped = body.find((l) => l.startsWith('@@map('))?.match(/"(.+)"/)?.[1] ?? name;
    return [name, { dbName: mapped, values: body.filter((l) => !l.startsWith('@@')) }];
  }),
);
const modelNames = new Set([...blocks('model'), ...blocks('view')].map((b) => b.name));
const viewNames = new Set(blocks('view').map((b) => b.name));
const models: SchemaModel[] = [...blocks('model'), ...blocks('view')].map(({ name, body }) => ({
  name,
  table: body.find((l) => l.startsWith('@@map('))?.match(/"(.+)"/)?.[1] ?? name,
  fields: body
    .filter((l) => !l.startsWith('@@') && !l.startsWith('///'))
    .map((l) => {
      const [fieldName = '', rawType = ''] = l.split(/\s+/);
      return {
        name: fieldName,
        column: l.match(/@map\("(.+?)"\)/)?.[1] ?? fieldName,
        type: rawType.replace(/[?[\]]/g, ''),
        optional: rawType.endsWith('?'),
        list: rawType.endsWith('[]'),
        nativeType: l.match(/@db\.(\w+)/)?.[1],
      };
    })
    .filter((f) => !modelNames.has(f.type)), // relation fields have no column
}));

function expectedColumnType(field: SchemaField): { data_type: string; udt_name?: string } {
  if (field.list) {
    const element = expectedColumnType({ ...field, list: false });
    return { data_type: 'ARRAY', udt_name: `_${element.udt_name ?? udtOf(element.data_type)}` };
  }
  const e = enums.get(field.type);
  if (e) return { data_type: 'USER-DEFINED', udt_name: e.dbName };
  if (field.type === 'String') return { data_type: field.nativeType === 'Uuid' ? 'uuid' : 'text' };
  if (field.type === 'DateTime')
    return { data_type: field.nativeType === 'Date' ? 'date' : 'timestamp with time zone' };
  if (field.type === 'Int' && field.nativeType === 'SmallInt') return { data_type: 'smallint' };
  const simple: Record<string, string> = {
    Int: 'integer',
    BigInt: 'bigint',
    Boolean: 'boolean',
    Bytes: 'bytea',
    Json: 'jsonb',
  };
  const t = simple[field.type];
  if (!t) throw new Error(`schema-agreement: no column type known for Prisma type ${field.type}`);
  return { data_type: t };
}

function udtOf(dataType: string): string {
  const udt: Record<string, string> = { uuid: 'uuid', text: 'text', integer: 'int4', bigint: 'int8', bytea: 'bytea' };
  return udt[dataType] ?? dataType;
}

type IndexKind = 'primary' | 'unique' | 'index';

function indexSignature(table: string, columns: readonly string[], kind: IndexKind): string {
  return `${table}(${columns.join(', ')}) ${kind}`;
}

/** The indexes a model declares: `@id`/`@@id`, `@unique`/`@@unique` and `@@index`. */
function declaredIndexes(model: SchemaModel): string[] {
  const column = (field: string) => model.fields.find((f) => f.name === field)?.column ?? `?${field}`;
  const lines = blocks('model').find((b) => b.name === model.name)?.body ?? [];
  const declared: string[] = [];
  for (const line of lines) {
    const attribute = line.match(/^@@(id|unique|index)\(\[([^\]]*)\]/);
    if (attribute) {
      const kind: IndexKind = attribute[1] === 'id' ? 'primary' : (attribute[1] as IndexKind);
      const fields = (attribute[2] ?? '').split(',').map((f) => f.trim());
      declared.push(indexSignature(model.table, fields.map(column), kind));
      continue;
    }
    const [field = ''] = line.split(/\s+/);
    if (/\s@id\b/.test(line)) declared.push(indexSignature(model.table, [column(field)], 'primary'));
    if (/\s@unique\b/.test(line)) declared.push(indexSignature(model.table, [column(field)], 'unique'));
  }
  return declared;
}

/**
 * Indexes made by migrations alone, which schema.prisma does not declare: partial indexes
 * (Prisma's schema cannot say WHERE) that no Prisma query needs. A partial index the schema
 * does declare, as a plain @@index on its columns, is compared like any other.
 */
const SQL_ONLY_INDEXES: readonly string[] = [
  'deposits_sha256_idx',
  'deposits_sm3_idx',
  'log_anchors_evm_once',
  'log_anchors_rfc3161_once',
];

describe('migrations and schema.prisma agree', () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let columns: Array<{
    table_name: string;
    column_name: string;
    is_nullable: string;
    data_type: string;
    udt_name: string;
  }>;

  beforeAll(async () => {
    await client.connect();
    columns = (
      await client.query(
        `SELECT table_name, column_name, is_nullable, data_type, udt_name FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
      )
    ).rows;
  });
  afterAll(() => client.end());

  it('parses a non-trivial schema', () => {
    expect(models.length).toBeGreaterThanOrEqual(5);
    expect(enums.size).toBeGreaterThanOrEqual(3);
    expect(viewNames.size).toBeGreaterThanOrEqual(1);
  });

  it('has a view exactly where the schema declares a view block', async () => {
    const views = (
      await client.query(`SELECT table_name FROM information_schema.views WHERE table_schema = 'public'`)
    ).rows.map((r: { table_name: string }) => r.table_name);
    expect(views.sort()).toEqual(
      models
        .filter((m) => viewNames.has(m.name))
        .map((m) => m.table)
        .sort(),
    );
  });

  it('has exactly the tables the schema declares', () => {
    const tables = new Set(columns.map((c) => c.table_name));
    expect([...tables].sort()).toEqual(models.map((m) => m.table).sort());
  });

  it('has exactly the columns of each model, with the same nullability and type', () => {
    for (const model of models) {
      const actual = columns.filter((c) => c.table_name === model.table);
      expect(actual.map((c) => c.column_name).sort(), model.name).toEqual(model.fields.map((f) => f.column).sort());
      for (const field of model.fields) {
        const column = actual.find((c) => c.column_name === field.column);
        if (!viewNames.has(model.name)) {
          expect(column?.is_nullable, `${model.name}.${field.name} nullability`).toBe(field.optional ? 'YES' : 'NO');
        }
        const want = expectedColumnType(field);
        expect(column?.data_type, `${model.name}.${field.name} type`).toBe(want.data_type);
        if (want.udt_name) expect(column?.udt_name, `${model.name}.${field.name} enum`).toBe(want.udt_name);
      }
    }
  });

  it('has exactly the indexes the schema declares (ids, unique, @@index), beside the SQL-only ones listed', async () => {
    const rows = (
      await client.query(
        `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
           ix.indpred IS NOT NULL OR ix.indexprs IS NOT NULL AS sql_only,
           array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         WHERE n.nspname = 'public' AND t.relname <> 'schema_migrations'`,
      )
    ).rows as Array<{
      table: string;
      name: string;
      unique: boolean;
      primary: boolean;
      sql_only: boolean;
      columns: string[];
    }>;
    const actual = rows
      .filter((r) => !SQL_ONLY_INDEXES.includes(r.name))
      .map((r) => indexSignature(r.table, r.columns, r.primary ? 'primary' : r.unique ? 'unique' : 'index'))
      .sort();
    expect(actual).toEqual(
      models
        .filter((m) => !viewNames.has(m.name))
        .flatMap(declaredIndexes)
        .sort(),
    );
    // The indexes schema.prisma does not declare are named here, and are partial or on expressions.
    const sqlOnly = rows.filter((r) => SQL_ONLY_INDEXES.includes(r.name));
    expect(sqlOnly.map((r) => r.name).sort()).toEqual([...SQL_ONLY_INDEXES].sort());
    for (const index of sqlOnly) expect(index.sql_only, `${index.name} is partial or on an expression`).toBe(true);
  });

  it('has the same enum labels in the same order', async () => {
    const rows = (
      await client.query(
        `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`,
      )
    ).rows as Array<{ typname: string; enumlabel: string }>;
    for (const e of enums.values()) {
      expect(
        rows.filter((r) => r.typname === e.dbName).map((r) => r.enumlabel),
        e.dbName,
      ).toEqual(e.values);
    }
  });

  it('writes and reads back every model through the generated client', async () => {
    const db = getDb();
    const tag = randomUUID().slice(0, 8);
    const court = await db.court.create({ data: { code: `T-${tag}`, nameZh: '测试法院', nameEn: 'Test Court' } });
    const user = await db.user.create({
      data: {
        email: `u-${tag}@example.com`,
        name: '测试 User',
        role: 'judge',
        passwordHash: 'x',
        courtId: court.id,
        disabledAt: new Date('2026-01-02T03:04:05.678Z'),
      },
    });
    const kase = await db.case.create({
      data: { courtId: court.id, caseNumber: `（2026）测${tag}号`, title: 't', causeOfAction: 'c', status: 'closed' },
    });
    await db.caseMember.create({ data: { caseId: kase.id, userId: user.id, role: 'judge' } });
    const upload = await db.upload.create({
      data: {
        id: randomUUID(),
        caseId: kase.id,
        userId: user.id,
        fileName: 'f.txt',
        mediaType: 'text/plain',
        size: 1n << 40n,
        expectedSha256: new Uint8Array(32).fill(11),
        expectedSm3: new Uint8Array(32).fill(12),
      },
    });
    expect(upload).toMatchObject({ received: 0n, status: 'open', completedAt: null });
    await db.loginThrottle.create({
      data: { key: `test:${tag}`, failures: 3, windowStart: new Date(), lockedUntil: new Date() },
    });

    const org = await db.depositorOrg.create({ data: { name: `Org ${tag}` } });
    const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);
    await db.apiKey.create({ data: { orgId: org.id, lookupId: `lk${tag}`, secretHash: bytes(32, 1), label: 'k' } });
    await db.depositorKey.create({
      data: { orgId: org.id, algorithm: 'ed25519', publicKey: bytes(32, 2), label: 'k' },
    });
    const depositId = randomUUID();
    await db.deposit.create({
      data: {
        id: depositId,
        orgId: org.id,
        leaf: bytes(10, 3),
        leafHash: bytes(32, 4),
        sha256: bytes(32, 5),
        depositedAt: new Date(),
      },
    });
    await db.idempotencyKey.create({
      data: { orgId: org.id, key: tag, requestHash: bytes(32, 6), depositIds: [depositId] },
    });
    // The log tables are shared with every other test's sequencer: write them in a transaction
    // that is rolled back, so no other test ever sees these rows.
    const ROLLBACK = new Error('rollback');
    const logRows = db.$transaction(async (tx) => {
      await tx.sequenceQueue.create({ data: { depositId } });
      await tx.logLeaf.create({ data: { leafIndex: 12345n, depositId } });
      await tx.logNode.create({ data: { level: 63, nodeIndex: 1n, hash: bytes(32, 7) } });
      await tx.checkpoint.create({ data: { treeSize: 1n << 62n, rootHash: bytes(32, 8), note: 'n' } });
      const deposit = await tx.deposit.findUniqueOrThrow({
        where: { id: depositId },
        include: { logLeaf: true, queued: true },
      });
      expect(deposit.sha256).toEqual(bytes(32, 5));
      expect(deposit.sm3).toBeNull();
      expect(deposit.logLeaf?.leafIndex).toBe(12345n);
      expect(deposit.queued?.depositId).toBe(depositId);
      expect(
        (await tx.logNode.findUniqueOrThrow({ where: { level_nodeIndex: { level: 63, nodeIndex: 1n } } })).hash,
      ).toEqual(bytes(32, 7));
      expect((await tx.checkpoint.findUniqueOrThrow({ where: { treeSize: 1n << 62n } })).note).toBe('n');
      await tx.checkpointCosignature.create({
        data: {
          treeSize: 1n << 62n,
          witnessKey: 'w+00000000+AA==',
          witnessName: '示范公证处',
          signatureLine: 'l',
          cosignedAt: new Date(),
        },
      });
      await tx.witnessAlarm.create({
        data: {
          id: depositId,
          kind: 'other_root',
          witnessKey: 'w+00000000+AA==',
          witnessName: '示范公证处',
          witnessUrl: 'http://127.0.0.1:1',
          checkpointSize: 1n << 62n,
          checkpoint: 'n',
          oldSize: 1n,
          proof: ['p'],
          status: 422,
          responseBody: 'bad proof',
        },
      });
      const cosigned = await tx.checkpoint.findUniqueOrThrow({
        where: { treeSize: 1n << 62n },
        include: { cosignatures: true },
      });
      expect(cosigned.cosignatures[0]?.witnessName).toBe('示范公证处');
      expect((await tx.witnessAlarm.findUniqueOrThrow({ where: { id: depositId } })).proof).toEqual(['p']);
      throw ROLLBACK;
    });
    await expect(logRows).rejects.toBe(ROLLBACK);
    expect((await db.idempotencyKey.findFirstOrThrow({ where: { key: tag } })).depositIds).toEqual([depositId]);

    const read = await db.user.findUniqueOrThrow({
      where: { id: user.id },
      include: { court: true, memberships: { include: { case: true } } },
    });
    expect(read.disabledAt?.toISOString()).toBe('2026-01-02T03:04:05.678Z');
    expect(read.court?.nameZh).toBe('测试法院');
    expect(read.memberships[0]?.case.status).toBe('closed');
    expect((await db.loginThrottle.findUniqueOrThrow({ where: { key: `test:${tag}` } })).failures).toBe(3);
  });
});
