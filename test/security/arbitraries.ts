import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';

/**
 * fast-check arbitraries derived from GraphQL input types: valid values (real ids of the right
 * kind, valid enums, plausible strings and numbers) mixed with hostile ones.
 */

export type IdPool = Record<string, string[]>;

const ZERO_WIDTH = '\u200b\u200c\u200d\u2060\ufeff';
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\t\n\r',
  '\u0000',
  `a\u0000b`,
  ZERO_WIDTH,
  '\u202eRTL override\u202c',
  'مرحبا بالعالم',
  'שלום',
  '👩‍👩‍👧‍👦🏳️‍🌈🔥',
  '\ud800', // a lone surrogate
  'e\u0301\u0301\u0301\u0301',
  "'; DROP TABLE employee; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(5)',
  '$1',
  '%s%n%x',
  '\\',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '![x](data:text/html;base64,PHNjcmlwdD4=)',
  '**bold** _it_ `code` # Title\n> quote',
  '{{7*7}}${7*7}',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '2099-03-02',
  '1970-01-01',
  'not-a-date',
  '9999-99-99',
  'Europe/Paris',
  'Mars/Olympus',
  'en',
  'x'.repeat(256),
];

const plainText = fc.string({ minLength: 1, maxLength: 40 });
const unicodeText = fc.string({ unit: 'grapheme', maxLength: 30 });
const hugeString = fc.integer({ min: 1_000, max: 150_000 }).map((n) => 'é'.repeat(n));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: plainText },
  { weight: 1, arbitrary: unicodeText },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: fc.constant('A sensible sentence of more than ten characters') },
);

const INT_EDGES = [0, 1, 2, 3, 5, 10, -1, -5, 100, 101, 1000, 2147483647, -2147483648, 2147483648, -2147483649, 9007199254740991, 1e20, 0.5, 1.5, -0.0];
export const hostileInt: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 120 }) },
  { weight: 3, arbitrary: fc.constantFrom(...INT_EDGES) },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom('5', '', true, [], {}) },
);

const iso = (d: Date) => d.toISOString();
const DAY = 86400000;
export const hostileDateTime: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -400, max: 400 }).map((days) => iso(new Date(Date.now() + days * DAY))) },
  { weight: 1, arbitrary: fc.integer({ min: -30, max: 30 }).map((h) => iso(new Date(Date.now() + h * 3600000))) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '0001-01-01T00:00:00Z',
      '9999-12-31T23:59:59Z',
      '1970-01-01T00:00:00Z',
      '2024-02-30T10:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01',
      'tomorrow',
      '',
      '2026-01-01T10:00:00+14:00',
      '+275760-09-13T00:00:00Z',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1e15, true) },
);

export interface ArbContext {
  pool: IdPool;
  /** The kind of id an argument or field name refers to (null: any). */
  idKind(name: string): string | null;
}

function idArb(ctx: ArbContext, name: string): fc.Arbitrary<unknown> {
  const kind = ctx.idKind(name);
  const all = Object.values(ctx.pool).flat();
  const right = kind && ctx.pool[kind]?.length ? ctx.pool[kind] : all;
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...right) },
    { weight: 1, arbitrary: fc.constantFrom(...all) },
    { weight: 1, arbitrary: fc.constant(null).map(() => randomUUID()) },
    { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'not-a-uuid', '1', '') },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.constantFrom(42, -1, true, { id: 'x' }) },
  );
}

function scalarArb(type: GraphQLInputType, ctx: ArbContext, name: string): fc.Arbitrary<unknown> {
  const t = type as { name: string };
  switch (t.name) {
    case 'ID':
      return idArb(ctx, name);
    case 'String':
      return hostileString;
    case 'Int':
      return hostileInt;
    case 'Float':
      return fc.oneof(fc.double(), hostileInt);
    case 'Boolean':
      return fc.oneof({ weight: 6, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 0, 1, null) });
    case 'DateTime':
      return hostileDateTime;
    case 'JSON':
      return fc.jsonValue({ maxDepth: 3 });
    default:
      return fc.oneof(hostileString, fc.jsonValue({ maxDepth: 2 }));
  }
}

/** Any JSON: a wrong type where a field expects another. */
const wrongType = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom([[[[[[[[[[[]]]]]]]]]]], JSON.parse('{"__proto__": {"admin": true}}'), { constructor: { prototype: {} } }));

export function arbFor(type: GraphQLInputType, ctx: ArbContext, name: string, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    return fc.oneof({ weight: 20, arbitrary: arbFor(type.ofType, ctx, name, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  }
  const inner = innerArb(type, ctx, name, depth);
  return fc.oneof(
    { weight: 8, arbitrary: inner },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: depth > 2 ? 0 : 1, arbitrary: wrongType },
  );
}

function innerArb(type: GraphQLInputType, ctx: ArbContext, name: string, depth: number): fc.Arbitrary<unknown> {
  if (isListType(type)) {
    const item = arbFor(type.ofType, ctx, name, depth + 1);
    return fc.oneof(
      { weight: 6, arbitrary: fc.array(item, { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.array(item, { minLength: 50, maxLength: 300 }) },
      { weight: 1, arbitrary: item }, // a single value where a list goes (GraphQL coerces it)
    );
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constantFrom(values[0].toLowerCase(), 1) });
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) record[f.name] = arbFor(f.type, ctx, f.name, depth + 1);
    const base = fc.record(record, { requiredKeys: fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name) });
    return fc.oneof(
      { weight: 8, arbitrary: base },
      { weight: 1, arbitrary: base.map((v) => ({ ...(v as object), unexpectedField: 'x' })) },
      { weight: 1, arbitrary: fc.record(record, { requiredKeys: [] }) }, // required fields missing
    );
  }
  if (isScalarType(type)) return scalarArb(type, ctx, name);
  throw new Error(`no arbitrary for ${String(type)}`);
}

/** Variables for every argument of a field (undefined ones are left out of the request). */
export function argsArb(args: readonly { name: string; type: GraphQLInputType }[], ctx: ArbContext): fc.Arbitrary<Record<string, unknown>> {
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const a of args) record[a.name] = arbFor(a.type, ctx, a.name);
  return fc.record(record).map((v) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>);
}
