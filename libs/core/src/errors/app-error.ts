import { GraphQLError } from 'graphql';

/** Stable error codes, returned in `extensions.code`. Clients may switch on them. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  // GraphQL protections (libs/core/src/graphql/protections, libs/core/src/ratelimit): refused before anything runs.
  QUERY_TOO_DEEP = 'QUERY_TOO_DEEP',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  TOO_MANY_ALIASES = 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES = 'TOO_MANY_DIRECTIVES',
  TOO_MANY_OPERATIONS = 'TOO_MANY_OPERATIONS',
  TOO_MANY_FRAGMENTS = 'TOO_MANY_FRAGMENTS',
  DOCUMENT_TOO_LARGE = 'DOCUMENT_TOO_LARGE',
  BATCHING_NOT_SUPPORTED = 'BATCHING_NOT_SUPPORTED',
  RATE_LIMITED = 'RATE_LIMITED',
}

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

export const badInput = (message: string, field?: string) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message: string) => new AppError(ErrorCode.UNAUTHENTICATED, message);
export const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message);
