import { ASTVisitor, DocumentNode, GraphQLSchema, Kind, OperationDefinitionNode, ValidationContext, ValidationRule } from 'graphql';
import { AppError, ErrorCode } from '../../errors/app-error';
import { MAX_PAGE_SIZE } from '../connection';
import { CostOptions, documentCounts, fragmentsOf, operationCost, operationDepth } from './analysis';

/** Items a list without a page size is assumed to return: the default page size. */
export const DEFAULT_LIST_SIZE = 20;

export interface DocumentLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxOperations: number;
  maxFragments: number;
}

const nameOf = (op: OperationDefinitionNode) => (op.name ? `'${op.name.value}'` : 'The anonymous operation');

/**
 * A validation rule: the document's shape against the limits (depth of each operation, aliases,
 * directives, operations and fragments per document). Each refusal is an AppError whose code
 * names the limit, with `limit` and `actual` in its extensions.
 */
export function documentLimitsRule(limits: DocumentLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const counts = documentCounts(document);
      const checks: [ErrorCode, string, number, number][] = [
        [ErrorCode.TOO_MANY_OPERATIONS, 'operations', counts.operations, limits.maxOperations],
        [ErrorCode.TOO_MANY_FRAGMENTS, 'fragments', counts.fragments, limits.maxFragments],
        [ErrorCode.TOO_MANY_ALIASES, 'aliases', counts.aliases, limits.maxAliases],
        [ErrorCode.TOO_MANY_DIRECTIVES, 'directives', counts.directives, limits.maxDirectives],
      ];
      for (const [code, what, actual, limit] of checks) {
        if (actual > limit) context.reportError(new AppError(code, `The document has ${actual} ${what}; at most ${limit} are allowed`, { limit, actual }));
      }
      const fragments = fragmentsOf(document);
      for (const def of document.definitions) {
        if (def.kind !== Kind.OPERATION_DEFINITION) continue;
        const depth = operationDepth(def, fragments);
        if (depth > limits.maxDepth) {
          context.reportError(
            new AppError(ErrorCode.QUERY_TOO_DEEP, `${nameOf(def)} exceeds maximum operation depth of ${limits.maxDepth} (its depth is ${depth})`, {
              limit: limits.maxDepth,
              actual: depth,
            }),
          );
        }
      }
      return false; // nothing below needs visiting
    },
  });
}

/**
 * A validation rule: the cost of each operation (see `operationCost`) against `maxCost`. The cost
 * depends on the request's variables (a page size is often one), so this rule is run per request
 * with them, once the operation is known (see `protectionsPlugin`).
 */
export function costLimitRule(
  maxCost: number,
  options: Partial<CostOptions> & { /** Only this operation (the one the request executes). */ operation?: OperationDefinitionNode } = {},
): ValidationRule {
  const { operation, ...rest } = options;
  const costOptions: CostOptions = { defaultListSize: DEFAULT_LIST_SIZE, maxListSize: MAX_PAGE_SIZE, ...rest };
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const fragments = fragmentsOf(document);
      for (const def of document.definitions) {
        if (def.kind !== Kind.OPERATION_DEFINITION || (operation && def !== operation)) continue;
        const cost = operationCost(context.getSchema(), def, fragments, costOptions);
        if (cost > maxCost) {
          context.reportError(
            new AppError(ErrorCode.QUERY_TOO_COMPLEX, `${nameOf(def)} costs ${cost}, above the limit of ${maxCost}: ask for smaller pages or fewer nested lists`, {
              cost,
              limit: maxCost,
            }),
          );
        }
      }
      return false;
    },
  });
}

/** The cost of one operation of a document with the given variables (for tests, benchmarks and the README figures). */
export function costOf(schema: GraphQLSchema, document: DocumentNode, variables?: Record<string, unknown>, operationName?: string): number {
  const fragments = fragmentsOf(document);
  const op = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  if (!op) throw new Error(`No operation ${operationName ?? ''} in the document`);
  return operationCost(schema, op, fragments, { defaultListSize: DEFAULT_LIST_SIZE, maxListSize: MAX_PAGE_SIZE, variables });
}
