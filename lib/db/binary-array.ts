/**
 * PostgreSQL arrays in binary form for bulk parameters (`unnest($1::bytea[])`).
 *
 * node-postgres sends a Buffer parameter in binary format (format code 1), which PostgreSQL
 * reads with the declared type's receive function: for `$1::bytea[]`, array_recv. Built here
 * as the server's own array_send lays them out, an array costs copies instead of text: no hex
 * for every leaf and hash on our side, no array_in parsing and hex decoding on PostgreSQL's
 * (the sequencer sends thousands of values per transaction; the text literals they replace
 * were a tenth of a 1000-deposit request's server time, measured).
 *
 * Layout (all integers big-endian): int32 number of dimensions (0 for an empty array, else 1),
 * int32 flags (1 if any element is NULL), uint32 element type OID; per dimension int32 length
 * and int32 lower bound (1); then per element int32 byte length (-1 for NULL) and the bytes in
 * the element type's binary form.
 * @see https://github.com/postgres/postgres/blob/master/src/backend/utils/adt/arrayfuncs.c (array_recv)
 */

/** Element type OIDs (pg_type.oid; fixed in PostgreSQL's catalog). */
const OID = { bytea: 17, int8: 20, int2: 21, timestamptz: 1184, uuid: 2950 } as const;

/** Milliseconds between the Unix epoch and PostgreSQL's, 2000-01-01T00:00:00Z. */
const PG_EPOCH_MS = 946_684_800_000;

/** Hex digit values by character code, -1 for anything else. */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_VALUE['0123456789ABCDEF'.charCodeAt(i)] = i;
}
/** Where the hyphens of a UUID's 8-4-4-4-12 form are. */
const isHyphenAt = (i: number) => i === 8 || i === 13 || i === 18 || i === 23;

/** Writes the header and hands each element's slot to `write`; `sizes[i]` is null for NULL. */
function binaryArray(
  oid: number,
  sizes: readonly (number | null)[],
  write: (buffer: Buffer, offset: number, index: number) => void,
): Buffer {
  const count = sizes.length;
  if (count === 0) {
    const empty = Buffer.alloc(12);
    empty.writeUInt32BE(oid, 8);
    return empty;
  }
  let length = 20;
  let hasNull = 0;
  for (const size of sizes) {
    if (size === null) hasNull = 1;
    length += 4 + (size ?? 0);
  }
  const buffer = Buffer.allocUnsafe(length);
  buffer.writeInt32BE(1, 0);
  buffer.writeInt32BE(hasNull, 4);
  buffer.writeUInt32BE(oid, 8);
  buffer.writeInt32BE(count, 12);
  buffer.writeInt32BE(1, 16);
  let at = 20;
  for (let i = 0; i < count; i++) {
    const size = sizes[i] as number | null;
    buffer.writeInt32BE(size ?? -1, at);
    at += 4;
    if (size === null) continue;
    write(buffer, at, i);
    at += size;
  }
  return buffer;
}

/** A bytea[] parameter; null elements are NULL. */
export function byteaArray(values: readonly (Uint8Array | null)[]): Buffer {
  return binaryArray(
    OID.bytea,
    values.map((v) => (v === null ? null : v.length)),
    (buffer, at, i) => buffer.set(values[i] as Uint8Array, at),
  );
}

/** A uuid[] parameter from UUID strings (8-4-4-4-12 hex digits, either case); anything else is refused. */
export function uuidArray(values: readonly string[]): Buffer {
  return binaryArray(
    OID.uuid,
    values.map(() => 16),
    (buffer, at, i) => writeUuid(buffer, at, values[i] as string),
  );
}

function writeUuid(buffer: Buffer, at: number, id: string): void {
  let ok = id.length === 36;
  let high = -1;
  for (let i = 0; ok && i < 36; i++) {
    const code = id.charCodeAt(i);
    if (isHyphenAt(i)) {
      ok = code === 45; // '-'
      continue;
    }
    const digit = code < 128 ? (HEX_VALUE[code] as number) : -1;
    if (digit < 0) ok = false;
    else if (high < 0) high = digit;
    else {
      buffer[at++] = (high << 4) | digit;
      high = -1;
    }
  }
  if (!ok) throw new TypeError(`binary array: ${JSON.stringify(id)} is not a UUID`);
}

/** A bigint[] (int8[]) parameter; numbers must be safe integers. */
export function int8Array(values: readonly (bigint | number)[]): Buffer {
  return binaryArray(
    OID.int8,
    values.map(() => 8),
    (buffer, at, i) => {
      const value = values[i] as bigint | number;
      if (typeof value === 'number' && !Number.isSafeInteger(value)) {
        throw new RangeError(`binary array: ${value} is not a safe integer`);
      }
      buffer.writeBigInt64BE(BigInt(value), at);
    },
  );
}

/** A smallint[] (int2[]) parameter. */
export function int2Array(values: readonly number[]): Buffer {
  return binaryArray(
    OID.int2,
    values.map(() => 2),
    (buffer, at, i) => buffer.writeInt16BE(values[i] as number, at),
  );
}

/** A timestamptz[] parameter (microseconds since 2000-01-01 UTC; a Date has milliseconds). */
export function timestamptzArray(values: readonly Date[]): Buffer {
  return binaryArray(
    OID.timestamptz,
    values.map(() => 8),
    (buffer, at, i) => {
      const ms = (values[i] as Date).getTime();
      if (!Number.isFinite(ms)) throw new RangeError('binary array: invalid Date');
      buffer.writeBigInt64BE(BigInt(ms - PG_EPOCH_MS) * 1000n, at);
    },
  );
}
