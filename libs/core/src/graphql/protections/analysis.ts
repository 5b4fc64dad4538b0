import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLObjectType,
  GraphQLSchema,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';

/**
 * Static measures of a GraphQL document, computed before anything executes: depth, cost, and the
 * counts the document limits read. Every walk is linear in the size of the document: a fragment is
 * measured once however often it is spread, a fragment cycle or an unknown fragment counts as
 * nothing (graphql-js's own rules report those), so a hostile document cannot make the measuring
 * itself expensive.
 */

/** Arguments that set how many items a list field returns. */
const PAGE_SIZE_ARGUMENTS = new Set(['first', 'last']);

export interface CostOptions {
  /** Variables of the request; a page size given by a variable is read from here. */
  variables?: Record<string, unknown> | null;
  /** Items assumed for a list without a page size argument (and for a page size nobody gave). */
  defaultListSize: number;
  /** The largest page any list returns: a larger page size is counted as this (the API refuses it anyway). */
  maxListSize: number;
}

/**
 * How many fields a query may resolve, at worst. Each field costs 1; a list field multiplies the cost
 * of what is selected under it by the number of items it may return: its `first` argument (literal,
 * variable, or default), else `defaultListSize`. The `edges` of a connection are not multiplied again
 * (the connection field already was). `__typename` costs nothing; `__schema` and `__type` cost 1 each
 * (introspection is bounded by the schema, not by data, and is off in production).
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  options: CostOptions,
): number {
  const variables = options.variables ?? {};
  const variableDefaults = new Map<string, ValueNode>();
  for (const d of operation.variableDefinitions ?? []) if (d.defaultValue) variableDefaults.set(d.variable.name.value, d.defaultValue);

  const fragmentCost = new Map<string, number>();
  const inProgress = new Set<string>();

  const intValue = (node: ValueNode | undefined): number | undefined => {
    if (!node) return undefined;
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) {
      const given = variables[node.name.value];
      if (typeof given === 'number') return given;
      if (given === undefined) return intValue(variableDefaults.get(node.name.value));
    }
    return undefined;
  };

  const isIncluded = (directives: FieldNode['directives']): boolean => {
    for (const d of directives ?? []) {
      if (d.name.value !== 'skip' && d.name.value !== 'include') continue;
      const arg = d.arguments?.find((a) => a.name.value === 'if')?.value;
      let value: unknown;
      if (arg?.kind === Kind.BOOLEAN) value = arg.value;
      else if (arg?.kind === Kind.VARIABLE) value = variables[arg.name.value];
      if (typeof value !== 'boolean') continue; // unknown: count it
      if ((d.name.value === 'skip') === value) return false;
    }
    return true;
  };

  const multiplier = (field: GraphQLField<unknown, unknown>, node: FieldNode, parent: GraphQLCompositeType): number => {
    const pageArg = field.args.find((a) => PAGE_SIZE_ARGUMENTS.has(a.name));
    if (pageArg) {
      const given = intValue(node.arguments?.find((a) => a.name.value === pageArg.name)?.value);
      const size = given ?? (typeof pageArg.defaultValue === 'number' ? pageArg.defaultValue : options.defaultListSize);
      return Math.min(Math.max(size, 1), options.maxListSize);
    }
    if (!isListType(getNullableType(field.type))) return 1;
    if (field.name === 'edges' && isConnection(parent)) return 1;
    return options.defaultListSize;
  };

  const selectionCost = (type: GraphQLCompositeType, set: SelectionSetNode): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (!isIncluded(selection.directives)) continue;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        if (name === '__schema' || name === '__type') {
          total += 1;
          continue;
        }
        const field = fieldOf(type, name);
        if (!field) continue; // unknown field: graphql-js reports it
        const named = getNamedType(field.type);
        if (!selection.selectionSet || !isCompositeType(named)) {
          total += 1;
          continue;
        }
        total += 1 + multiplier(field, selection, type) * selectionCost(named, selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const cond = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (cond && isCompositeType(cond)) total += selectionCost(cond, selection.selectionSet);
      } else {
        total += spreadCost(selection.name.value);
      }
    }
    return total;
  };

  const spreadCost = (name: string): number => {
    const known = fragmentCost.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return 0;
    const cond = schema.getType(fragment.typeCondition.name.value);
    if (!cond || !isCompositeType(cond)) return 0;
    inProgress.add(name);
    const cost = selectionCost(cond, fragment.selectionSet);
    inProgress.delete(name);
    fragmentCost.set(name, cost);
    return cost;
  };

  const root = rootType(schema, operation);
  return root ? selectionCost(root, operation.selectionSet) : 0;
}

/**
 * Depth of an operation as graphql-depth-limit counted it: fields nested under a top-level field
 * (`{ me { id } }` is 1, `{ me { manager { id } } }` is 2). Introspection fields are not counted.
 */
export function operationDepth(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): number {
  const fragmentDepth = new Map<string, number>();
  const inProgress = new Set<string>();

  // The number of field levels in a selection set (0 for none).
  const levels = (set: SelectionSetNode): number => {
    let deepest = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (s.name.value.startsWith('__')) continue;
        deepest = Math.max(deepest, 1 + (s.selectionSet ? levels(s.selectionSet) : 0));
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, levels(s.selectionSet));
      } else {
        deepest = Math.max(deepest, spreadLevels(s.name.value));
      }
    }
    return deepest;
  };
  const spreadLevels = (name: string): number => {
    const known = fragmentDepth.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return 0;
    inProgress.add(name);
    const d = levels(fragment.selectionSet);
    inProgress.delete(name);
    fragmentDepth.set(name, d);
    return d;
  };
  return Math.max(0, levels(operation.selectionSet) - 1);
}

export interface DocumentCounts {
  operations: number;
  fragments: number;
  aliases: number;
  directives: number;
}

/** Counts, as written (a fragment spread twice counts once: the cost accounts for repetition). */
export function documentCounts(document: DocumentNode): DocumentCounts {
  const counts: DocumentCounts = { operations: 0, fragments: 0, aliases: 0, directives: 0 };
  const walk = (set: SelectionSetNode | undefined): void => {
    for (const s of set?.selections ?? []) {
      counts.directives += s.directives?.length ?? 0;
      if (s.kind === Kind.FIELD && s.alias) counts.aliases += 1;
      if (s.kind !== Kind.FRAGMENT_SPREAD) walk(s.selectionSet);
    }
  };
  for (const def of document.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION) counts.operations += 1;
    else if (def.kind === Kind.FRAGMENT_DEFINITION) counts.fragments += 1;
    else continue;
    counts.directives += def.directives?.length ?? 0;
    for (const v of def.kind === Kind.OPERATION_DEFINITION ? (def.variableDefinitions ?? []) : []) counts.directives += v.directives?.length ?? 0;
    walk(def.selectionSet);
  }
  return counts;
}

export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION && !map.has(def.name.value)) map.set(def.name.value, def);
  return map;
}

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLObjectType | null | undefined {
  return schema.getRootType(operation.operation);
}

function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/** A Relay connection: has `edges` and `pageInfo`. */
function isConnection(type: GraphQLCompositeType): boolean {
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  return 'edges' in fields && 'pageInfo' in fields;
}
