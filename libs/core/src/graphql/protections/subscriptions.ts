import { DocumentNode, getOperationAST, GraphQLError, GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import type { GraphQLLimits } from '../../config/config';
import { AppError, ErrorCode } from '../../errors/app-error';
import { costLimitRule, documentLimitsRule } from './rules';

interface SubscribePayload {
  query?: string | null;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * The same protections for graphql-ws (the WebSocket on /graphql): the document size and token
 * limits, the document limits and the cost as validation rules, and only subscriptions — a query or
 * a mutation goes over HTTP, where the rate limits apply. Wraps the `subscriptions` option of the
 * GraphQL module (graphql-ws 6 server hooks, as @nestjs/graphql runs it).
 */
export function protectSubscriptions<T extends { 'graphql-ws': Record<string, unknown> }>(options: T, limits: GraphQLLimits & { hideSchemaDetails: boolean }): T {
  const rules = [...specifiedRules, documentLimitsRule(limits)];
  return {
    ...options,
    'graphql-ws': {
      ...options['graphql-ws'],
      onSubscribe: (_ctx: unknown, _id: string, payload: SubscribePayload): readonly GraphQLError[] | void => {
        const query = payload.query ?? '';
        const bytes = Buffer.byteLength(query, 'utf8');
        if (bytes > limits.maxDocumentBytes) {
          return [new AppError(ErrorCode.DOCUMENT_TOO_LARGE, `The GraphQL document is ${bytes} bytes; at most ${limits.maxDocumentBytes} are allowed`, { limit: limits.maxDocumentBytes })];
        }
        let operation;
        try {
          operation = getOperationAST(parse(query, { maxTokens: limits.maxTokens }), payload.operationName ?? undefined);
        } catch (e) {
          const message = e instanceof Error ? e.message : 'The document does not parse';
          const code = /Document contains more tha[nt] \d+ tokens/.test(message) ? ErrorCode.DOCUMENT_TOO_LARGE : 'GRAPHQL_PARSE_FAILED';
          return [new GraphQLError(message, { extensions: { code } })];
        }
        if (operation && operation.operation !== 'subscription') {
          return [new AppError(ErrorCode.BAD_USER_INPUT, 'Only subscriptions are served over the WebSocket: send queries and mutations over HTTP')];
        }
        // Anything else (no such operation, an invalid document) is reported by graphql-ws's validate below.
      },
      // Errors sent over the socket do not go through Apollo's formatError: no schema hints in production.
      onError: (_ctx: unknown, _id: string, _payload: unknown, errors: readonly GraphQLError[]) =>
        limits.hideSchemaDetails
          ? errors.map((e) => new GraphQLError(e.message.replace(/ ?Did you mean .+?\?$/, ''), { nodes: e.nodes, extensions: e.extensions }))
          : undefined,
      parse: (source: string) => parse(source, { maxTokens: limits.maxTokens }),
      validate: (schema: GraphQLSchema, document: DocumentNode) => validate(schema, document, [...rules, costLimitRule(limits.maxCost)]),
    },
  };
}
