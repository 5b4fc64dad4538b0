import { formatGraphQLError } from './format-error';

describe('formatGraphQLError', () => {
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
