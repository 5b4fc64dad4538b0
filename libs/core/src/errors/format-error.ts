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
/** Codes of deliberate AppErrors. Not INTERNAL_SERVER_ERROR: Apollo gives that code to every unexpected error. */
const APP_CODES = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));
/**
 * graphql-js stops coercing variables after 50 errors with this error, which has no variable
 * node, so Apollo does not recognize it as the client's bad input it is.
 */
const VARIABLE_ERROR_LIMIT = 'Too many errors processing variables, error limit reached. Execution aborted.';

/** PostgreSQL SQLSTATEs of a server that is down, restarting or refusing connections (classes 08 and 57P). */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-4])$/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
/** node-postgres reports a lost or impossible connection with these messages (no code). */
const UNAVAILABLE_MESSAGE =
  /connect ECONNREFUSED|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command/i;

/**
 * True when `error` (or what it wraps) says the database could not be reached, as opposed to a
 * bug or a query that failed: the request may be retried once the service is back.
 */
export function isServiceUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    // TypeORM releases a transaction's query runner when its connection dies; the transaction's next query says so.
    if ((e as { name?: unknown }).name === 'QueryRunnerAlreadyReleasedError') return true;
    const next = e as { originalError?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown[] };
    if (Array.isArray(next.errors) && next.errors.some((inner) => isServiceUnavailable(inner))) return true;
    e = next.originalError ?? next.driverError ?? next.cause;
  }
  return false;
}

/**
 * Every error leaves the API with a stable code and without a stack trace. Anything that is
 * not a deliberate AppError or a request error becomes INTERNAL_SERVER_ERROR with a generic
 * message; the original is logged (with the request id) by the caller of this function.
 * An error caused by an unreachable database (`error`, the original) is SERVICE_UNAVAILABLE:
 * the client may retry; it is logged as well.
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
  if (formatted.message === VARIABLE_ERROR_LIMIT && !formatted.path) {
    return { message: formatted.message, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  let message = formatted.message;
  // Apollo files every validation error under GRAPHQL_VALIDATION_FAILED; a protection rule's own code is more useful.
  const original = options.error instanceof GraphQLError ? options.error.originalError : undefined;
  if (code === 'GRAPHQL_VALIDATION_FAILED' && original instanceof AppError) code = extensions.code = original.code;
  // The parser's token limit (parseOptions.maxTokens) is a document size limit (graphql 16 words it "more that N tokens").
  if (code === 'GRAPHQL_PARSE_FAILED' && /Document contains more tha[nt] \d+ tokens/.test(message)) code = extensions.code = ErrorCode.DOCUMENT_TOO_LARGE;
  if (options.hideSchemaDetails) message = message.replace(/ ?Did you mean .+?\?$/, '');
  // Apollo gives INTERNAL_SERVER_ERROR to every error thrown without a code (a driver error, a
  // bug): its message is never shown, whatever it says.
  if (code !== ErrorCode.INTERNAL_SERVER_ERROR && (APP_CODES.has(code) || REQUEST_CODES.has(code))) {
    return { message, locations: formatted.locations, path: formatted.path, extensions };
  }
  log(formatted);
  // The original error when Apollo hands it over; the message as a fallback (an error re-wrapped on its way may lose its code).
  if (isServiceUnavailable(options.error) || isServiceUnavailable({ message: formatted.message })) {
    return {
      message: 'Service temporarily unavailable, please retry',
      path: formatted.path,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  return {
    message: 'Internal server error',
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
