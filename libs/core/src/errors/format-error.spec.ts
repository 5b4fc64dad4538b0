import { GraphQLError } from 'graphql';
import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import { AppError, ErrorCode } from './app-error';
import { formatGraphQLError, isServiceUnavailable } from './format-error';

/** What Apollo hands to formatError for an error thrown in a resolver. */
function thrown(original: Error): { formatted: ReturnType<GraphQLError['toJSON']>; error: GraphQLError } {
  const error = new GraphQLError(original.message, {
    path: ['me'],
    originalError: original,
    extensions: original instanceof GraphQLError ? original.extensions : { code: 'INTERNAL_SERVER_ERROR' },
  });
  return { formatted: error.toJSON(), error };
}

const pgError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe('formatGraphQLError', () => {
  const log = jest.fn();

  it('passes deliberate errors through', () => {
    const { formatted, error } = thrown(new AppError(ErrorCode.NOT_FOUND, 'Project not found'));
    expect(formatGraphQLError(formatted, log, { error })).toMatchObject({ message: 'Project not found', extensions: { code: 'NOT_FOUND' } });
  });

  it('never shows the message of an unexpected error, even though Apollo already coded it INTERNAL_SERVER_ERROR', () => {
    const { formatted, error } = thrown(new Error('Query runner already released. Cannot run queries anymore.'));
    expect(formatGraphQLError(formatted, log, { error })).toEqual({ message: 'Internal server error', path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it.each([
    ['terminating connection due to administrator command', '57P01'],
    ['the database system is shutting down', '57P03'],
    ['connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'],
    ['Connection terminated unexpectedly', undefined],
    ['timeout exceeded when trying to connect', undefined],
  ])('an unreachable database (%s) is SERVICE_UNAVAILABLE', (message, code) => {
    const { formatted, error } = thrown(pgError(message, code));
    const out = formatGraphQLError(formatted, log, { error });
    expect(out.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
    expect(out.message).not.toContain(message);
  });

  it('a failing query is not an outage', () => {
    expect(isServiceUnavailable(pgError('duplicate key value violates unique constraint', '23505'))).toBe(false);
    expect(isServiceUnavailable(Object.assign(new Error('x'), { driverError: pgError('x', '57P01') }))).toBe(true);
    // A transaction whose connection died: TypeORM released its query runner.
    expect(isServiceUnavailable(new QueryRunnerAlreadyReleasedError())).toBe(true);
  });
});

describe('formatGraphQLError without the original error', () => {
  it('hides the message of an unexpected error, which Apollo codes INTERNAL_SERVER_ERROR, and logs it', () => {
    const logged: unknown[] = [];
    const out = formatGraphQLError(
      { message: 'relation "employee_secret" does not exist', path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } },
      (f) => logged.push(f),
    );
    expect(out).toEqual({ message: 'Internal server error', path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toHaveLength(1);
  });

  it('passes deliberate errors and request errors with their code', () => {
    const log = jest.fn();
    expect(formatGraphQLError({ message: 'Opening not found', extensions: { code: 'NOT_FOUND' } }, log).extensions).toEqual({ code: 'NOT_FOUND' });
    expect(formatGraphQLError({ message: 'Bad', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, log).message).toBe('Bad');
    expect(log).not.toHaveBeenCalled();
  });

  it("reports graphql-js's limit of 50 variable errors as the client's bad input (found by the input fuzzer)", () => {
    const log = jest.fn();
    const out = formatGraphQLError(
      { message: 'Too many errors processing variables, error limit reached. Execution aborted.', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      log,
    );
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(log).not.toHaveBeenCalled();
  });
});
