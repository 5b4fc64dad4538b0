import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode } from './app-error';

/** Codes that graphql-js / Apollo produce for a bad request; passed to the client as they are. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);
// INTERNAL_SERVER_ERROR is what Apollo calls any unexpected error: never passed through (its message may
// quote SQL values or personal data).
const APP_CODES = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));

/**
 * Every error leaves the API with a stable code and without a stack trace. Anything that is
 * not a deliberate AppError or a request error becomes INTERNAL_SERVER_ERROR with a generic
 * message; the original is logged (with the request id) by the caller of this function.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  log: (formatted: GraphQLFormattedError) => void,
  options: {
    /** The error as raised (Apollo's second formatError argument). */
    error?: unknown;
    /** Production: strip graphql-js's "Did you mean …?" hints, which reveal names in the schema. */
    hideSchemaDetails?: boolean;
  } = {},
): GraphQLFormattedError {
  let code = String(formatted.extensions?.code ?? '');
  const { stacktrace: _s, exception: _e, originalError: _o, ...extensions } = (formatted.extensions ?? {}) as Record<
    string,
    unknown
  >;
  let message = formatted.message;
  // Apollo files every validation error under GRAPHQL_VALIDATION_FAILED; a protection rule's own code is more useful.
  const original = options.error instanceof GraphQLError ? options.error.originalError : undefined;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof AppError) code = extensions.code = original.code;
  // The parser's token limit (parseOptions.maxTokens) is a document size limit (graphql 16 words it "more that N tokens").
  if (code === 'GRAPHQL_PARSE_FAILED' && /Document contains more tha[nt] \d+ tokens/.test(message)) code = extensions.code = ErrorCode.DOCUMENT_TOO_LARGE;
  if (options.hideSchemaDetails) message = message.replace(/ ?Did you mean .+?\?$/, '');
  if (APP_CODES.has(code) || REQUEST_CODES.has(code)) {
    return { message, locations: formatted.locations, path: formatted.path, extensions };
  }
  log(formatted);
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
