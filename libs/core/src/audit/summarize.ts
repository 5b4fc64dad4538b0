import {
  GraphQLArgument,
  GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';

/** Marks a value left out of the audit summary (free text, personal data, opaque scalars). */
export const REDACTED = '[redacted]';

/** Scalars kept as they are: identifiers, numbers, flags and dates carry no free text. */
const KEPT_SCALARS = new Set(['ID', 'Int', 'Float', 'Boolean', 'DateTime', 'Date', 'Timestamp']);

/**
 * The arguments of a mutation as the audit log keeps them, walked along their GraphQL input
 * types: ids, enums, numbers, booleans and dates are kept; every String (names, emails, notes,
 * feedback, bios…) and any other scalar (JSON…) becomes "[redacted]", so the field shows it was
 * given without what it said. Typed, not guessed from field names: a new text field is
 * redacted by default.
 */
export function summarizeArgs(defs: readonly GraphQLArgument[], args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    if (args[def.name] !== undefined) out[def.name] = summarizeValue(args[def.name], def.type);
  }
  return out;
}

export function summarizeValue(value: unknown, type: GraphQLInputType): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return summarizeValue(value, type.ofType);
  if (isListType(type)) return Array.isArray(value) ? value.map((v) => summarizeValue(v, type.ofType)) : summarizeValue(value, type.ofType);
  if (isEnumType(type)) return value;
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return REDACTED;
    const fields = type.getFields();
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined && fields[key]) out[key] = summarizeValue(v, fields[key].type);
    }
    return out;
  }
  if (isScalarType(type) && KEPT_SCALARS.has(type.name)) {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  }
  return REDACTED;
}

/** A target id named by the arguments: `id`, `input.id`, or a single `…Id` argument. */
export function targetIdFromArgs(args: Record<string, unknown>): string | null {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  if (str(args.id)) return str(args.id);
  const input = args.input as Record<string, unknown> | undefined;
  if (input && typeof input === 'object' && str(input.id)) return str(input.id);
  const ids = Object.entries(args).filter(([k, v]) => /Id$/.test(k) && typeof v === 'string');
  if (ids.length === 1) return ids[0][1] as string;
  if (input && typeof input === 'object') {
    const inner = Object.entries(input).filter(([k, v]) => /Id$/.test(k) && typeof v === 'string');
    if (inner.length === 1) return inner[0][1] as string;
  }
  return null;
}
