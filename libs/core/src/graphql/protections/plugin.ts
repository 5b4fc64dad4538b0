import type { ApolloServerPlugin } from '@apollo/server';
import type { Request } from 'express';
import { validate } from 'graphql';
import { AppError, ErrorCode } from '../../errors/app-error';
import { costLimitRule } from './rules';

/**
 * Codes of a well-formed request that GraphQL refused before executing it: the document does not
 * parse or validate, a variable does not coerce, or a protection limit refused it.
 */
export const REQUEST_ERROR_CODES = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  ErrorCode.QUERY_TOO_DEEP,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.TOO_MANY_ALIASES,
  ErrorCode.TOO_MANY_DIRECTIVES,
  ErrorCode.TOO_MANY_OPERATIONS,
  ErrorCode.TOO_MANY_FRAGMENTS,
  ErrorCode.DOCUMENT_TOO_LARGE,
]);

/**
 * The Apollo side of the protections:
 * - the cost limit, once the operation and its variables are known (a page size is often a variable);
 * - the status code of a refused request, as the GraphQL-over-HTTP spec asks: 400 when the client
 *   accepts `application/graphql-response+json` (Apollo Client does), 200 when it gets the legacy
 *   `application/json` (the error is in the body; legacy clients read the body only on a 200).
 */
export function protectionsPlugin(limits: { maxCost: number }): ApolloServerPlugin<{ req?: Request }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const [error] = validate(schema, document, [costLimitRule(limits.maxCost, { variables: request.variables, operation })]);
          if (!error) return;
          const { code, ...details } = error.extensions;
          throw new AppError(code as ErrorCode, error.message, { ...details, http: { status: 400 } });
        },
        async willSendResponse({ response, contextValue }) {
          const http = response.http;
          if (response.body.kind !== 'single' || http.status !== 400 || 'data' in response.body.singleResult) return;
          const errors = response.body.singleResult.errors ?? [];
          if (!errors.length || !errors.every((e) => REQUEST_ERROR_CODES.has(String(e.extensions?.code)))) return;
          const accepts = contextValue.req?.accepts?.(['application/json', 'application/graphql-response+json']);
          if (accepts === 'application/json') http.status = 200;
        },
      };
    },
  };
}
