import { scrubLogArguments, scrubText, scrubValue, serializeError, serializeRequest } from './redact';

describe('log redaction', () => {
  it('scrubs tokens, URL passwords, email addresses and quoted input values from text', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    expect(scrubText(`Bearer ${jwt}`)).toBe('Bearer [token]');
    expect(scrubText(`token ${jwt} here`)).toBe('token [token] here');
    expect(scrubText('Basic dXNlcjpwYXNz')).toBe('Basic [token]');
    expect(scrubText('postgres://app:s3cret@db:5432/x and redis://:p%40ss@r:6379 smtps://u:pw@mail')).toBe(
      'postgres://app:[redacted]@db:5432/x and redis://:[redacted]@r:6379 smtps://u:[redacted]@mail',
    );
    expect(scrubText('550 5.1.1 <ana.maria+x@example.co.uk>: rejected')).toBe('550 5.1.1 <[email]>: rejected');
    expect(scrubText('invalid input syntax for type uuid: "bob@x.io"')).toBe('invalid input syntax for type uuid: "[redacted]"');
    expect(scrubText('invalid input value for enum role: "my secret"')).toBe('invalid input value for enum role: "[redacted]"');
    expect(scrubText('relation "employee" does not exist')).toBe('relation "employee" does not exist');
  });

  it('copies plain objects with secret-named keys replaced, leaves other objects to serializers', () => {
    const req = new (class Req {})();
    expect(scrubValue({ a: 'x@y.io', nested: { password: 'p', list: ['Bearer abc'] }, req })).toEqual({
      a: '[email]',
      nested: { password: '[redacted]', list: ['Bearer [token]'] },
      req,
    });
  });

  it('logs errors as type, message, stack and code only, even from another realm', () => {
    const e = Object.assign(new Error('duplicate key for "x@y.io"'), { query: 'INSERT …', parameters: ['secret text'], driverError: { code: '23505', detail: 'Key (email)=(x@y.io)' } });
    const s = serializeError(e);
    expect(Object.keys(s).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(s).toMatchObject({ type: 'Error', code: '23505', message: 'duplicate key for "[email]"' });
    expect(JSON.stringify(s)).not.toMatch(/secret text|Key \(email\)/);
    const foreign = { name: 'QueryFailedError', message: 'boom a@b.co', stack: 'QueryFailedError: boom a@b.co\n    at x' };
    expect(serializeError(foreign)).toMatchObject({ type: 'QueryFailedError', message: 'boom [email]' });
  });

  it('gives an error logged without a message its scrubbed message (pino would take the original)', () => {
    const e = new Error('for a@b.co');
    expect(scrubLogArguments([e])).toEqual([{ err: expect.objectContaining({ message: 'for [email]' }) }, 'for [email]']);
    expect(scrubLogArguments([{ err: e, context: 'X' }])[1]).toBe('for [email]');
    expect(scrubLogArguments([{ err: e }, 'explicit'])).toEqual([{ err: expect.objectContaining({ message: 'for [email]' }) }, 'explicit']);
  });

  it('logs a request as id, method and path', () => {
    const req = { id: 'r1', method: 'GET', url: '/graphql?query=x&variables=%7B%22email%22%7D', headers: { authorization: 'Bearer x' }, socket: {} };
    expect(serializeRequest(req as never)).toEqual({ id: 'r1', method: 'GET', url: '/graphql' });
  });
});
