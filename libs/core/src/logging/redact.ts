/**
 * What keeps secrets and personal data out of the logs. Three layers:
 * 1. serializers that log only what is needed from requests, responses and errors (no headers,
 *    no query strings, no client addresses; errors as type, message, stack and SQLSTATE — never a
 *    driver's `query`, `parameters` or `detail`);
 * 2. `redact` paths for keys that hold secrets wherever they show up;
 * 3. a last line of defence on every log call: strings are scrubbed of bearer tokens and JWTs,
 *    passwords in connection URLs, email addresses and the values PostgreSQL quotes back in
 *    "invalid input" messages.
 * Names and free text (bios, feedback, debriefs) cannot be recognised by a pattern: they stay out
 * because nothing logs GraphQL variables, request bodies, job payloads or SQL parameters.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const JWT = /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[^\s"',;]+/gi;
const URL_CREDENTIALS = /\b([a-z][\w+.-]*:\/\/)([^\s:@/?#]*):([^\s@/?#]+)@/gi;
const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g;
const PG_INPUT_VALUE = /((?:invalid input (?:syntax|value) for [^:]*|value too long for [^:]*|invalid [\w ]+ value)): "(?:[^"\\]|\\.)*"/gi;

/** A string without tokens, URL passwords, email addresses or quoted input values. */
export function scrubText(text: string): string {
  return text
    .replace(JWT, '[token]')
    .replace(BEARER, '$1 [token]')
    .replace(URL_CREDENTIALS, '$1$2:[redacted]@')
    .replace(EMAIL, '[email]')
    .replace(PG_INPUT_VALUE, '$1: "[redacted]"');
}

const SECRET_KEY = /^(authorization|cookie|set-cookie|password|passwd|secret|token|accesstoken|refreshtoken|jwt|apikey|api_key|smtpurl|databaseurl|redisurl|connectionstring|connectionparams)$/i;

/**
 * Scrubs a log argument: strings are scrubbed, plain objects and arrays are copied with their
 * strings scrubbed and secret-named keys replaced, errors become `serializeError`. Other objects
 * (requests, responses) are left to their serializers.
 */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (isErrorLike(value)) return serializeError(value);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : scrubValue(v, depth + 1);
  return out;
}

/** An Error, from this realm or another (Jest, vm), or anything shaped like one. */
export function isErrorLike(value: unknown): value is Error {
  if (value instanceof Error) return true;
  if (!value || typeof value !== 'object') return false;
  const e = value as { message?: unknown; stack?: unknown; name?: unknown };
  return typeof e.message === 'string' && (typeof e.stack === 'string' || Object.prototype.toString.call(value) === '[object Error]');
}

/**
 * The arguments of one log call, scrubbed. An error logged without a message (`log.error(err)`,
 * `log.error({ err })`) gets its scrubbed message as the message: pino would otherwise take the
 * original `err.message` as `msg`.
 */
export function scrubLogArguments(args: unknown[]): unknown[] {
  const out = args.map((a) => scrubValue(a));
  if (out.length === 1 && isErrorLike(args[0])) {
    const err = out[0] as SerializedError;
    return [{ err }, err.message];
  }
  const first = out[0] as { err?: SerializedError } | undefined;
  if (out.length === 1 && first && typeof first === 'object' && first.err && typeof first.err.message === 'string') {
    return [first, first.err.message];
  }
  return out;
}

export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  cause?: SerializedError;
}

/** An error as logged: its type, message and stack scrubbed, a SQLSTATE or error code; nothing else it carries. */
export function serializeError(err: unknown, depth = 0): SerializedError {
  if (!err || typeof err !== 'object') return { type: typeof err, message: scrubText(String(err)) };
  const e = err as { type?: unknown; name?: unknown; message?: unknown; stack?: unknown; code?: unknown; driverError?: { code?: unknown }; cause?: unknown };
  const type = typeof e.type === 'string' && !(err instanceof Error) ? e.type : (err.constructor?.name ?? 'Error');
  const code = typeof e.code === 'string' ? e.code : typeof e.driverError?.code === 'string' ? e.driverError.code : undefined;
  const out: SerializedError = { type: type === 'Object' && typeof e.name === 'string' ? e.name : type, message: scrubText(typeof e.message === 'string' ? e.message : String(err)) };
  if (typeof e.stack === 'string') out.stack = scrubText(e.stack);
  if (code && /^[\w.-]{1,40}$/.test(code)) out.code = code;
  if (e.cause !== undefined && depth < 3) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/** A request as logged: its id, method and path (no query string, headers or client address). */
export function serializeRequest(req: IncomingMessage & { id?: unknown; originalUrl?: string }): Record<string, unknown> {
  const url = req.originalUrl ?? req.url ?? '';
  return { id: req.id, method: req.method, url: url.split('?')[0] };
}

/** A response as logged: its status code. */
export function serializeResponse(res: ServerResponse): Record<string, unknown> {
  return { statusCode: res.statusCode };
}

/** Paths pino removes wherever they are (a second net under the serializers). */
export const REDACT_PATHS = [
  'req.headers',
  'req.query',
  'req.body',
  'req.remoteAddress',
  'req.remotePort',
  'res.headers',
  'variables',
  '*.variables',
  'job.data',
  '*.password',
  '*.token',
  'config',
];
