import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  GraphQLField,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLType,
  isEnumType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';

/** The committed schema (the contract): what the matrix and the fuzzer are generated from. */
export function loadSchema(): GraphQLSchema {
  return buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8'));
}

export type OperationKind = 'query' | 'mutation' | 'subscription';

export interface Operation {
  kind: OperationKind;
  name: string;
  field: GraphQLField<unknown, unknown>;
}

export function operationsOf(schema: GraphQLSchema): Operation[] {
  const out: Operation[] = [];
  const roots: [OperationKind, GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  for (const [kind, type] of roots) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) out.push({ kind, name: field.name, field });
  }
  return out;
}

const leafFields = (type: GraphQLObjectType) =>
  Object.values(type.getFields()).filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined));

/** A minimal selection for an object type: its leaf fields without required arguments (or `__typename`). */
function objectSelection(type: GraphQLObjectType): string {
  const fields = type.getFields();
  // A Relay connection: how many, and the ids of what is shown.
  if (fields.edges && fields.totalCount) {
    const edge = getNamedType(fields.edges.type) as GraphQLObjectType;
    const node = getNamedType(edge.getFields().node.type);
    return `{ totalCount edges { node ${selectionFor(node)} } }`;
  }
  const leaves = leafFields(type).map((f) => f.name);
  return `{ ${leaves.length ? leaves.join(' ') : '__typename'} }`;
}

/** The selection set for a return type: nothing for a leaf, its leaf fields for an object, each member for a union. */
export function selectionFor(type: GraphQLType | GraphQLNamedType): string {
  const named = getNamedType(type);
  if (isLeafType(named) || isEnumType(named)) return '';
  if (isObjectType(named)) return objectSelection(named);
  if (isUnionType(named) || isInterfaceType(named)) {
    const members = isUnionType(named) ? named.getTypes() : [];
    return `{ __typename ${members.map((m) => `... on ${m.name} ${objectSelection(m)}`).join(' ')} }`;
  }
  throw new Error(`No selection for ${String(named)}`);
}

/** The document for one operation, with a variable per argument the caller gives. */
export function documentFor(op: Operation, variables: Record<string, unknown>): string {
  const args = op.field.args.filter((a) => a.name in variables);
  const defs = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${op.kind}${defs ? ` (${defs})` : ''} { ${op.name}${call ? `(${call})` : ''} ${selectionFor(op.field.type)} }`;
}
