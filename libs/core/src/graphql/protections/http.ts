import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from '../../errors/app-error';

/** The JSON error body every refusal outside GraphQL execution uses: the shape GraphQL clients read. */
export function sendHttpError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/**
 * Express middleware on /graphql, after the JSON body parser and before Apollo: refuses a batch (a
 * JSON array body) and a document larger than `maxDocumentBytes`, before anything parses it.
 */
export function graphqlRequestGuard(limits: { maxDocumentBytes: number }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (Array.isArray(req.body)) {
      return sendHttpError(res, 400, ErrorCode.BATCHING_NOT_SUPPORTED, 'Batched operations (a JSON array body) are not supported: send one operation per request');
    }
    const query: unknown = req.method === 'GET' ? req.query?.query : req.body?.query;
    const bytes = typeof query === 'string' ? Buffer.byteLength(query, 'utf8') : 0;
    if (bytes > limits.maxDocumentBytes) {
      return sendHttpError(res, 413, ErrorCode.DOCUMENT_TOO_LARGE, `The GraphQL document is ${bytes} bytes; at most ${limits.maxDocumentBytes} are allowed`, {
        limit: limits.maxDocumentBytes,
        actual: bytes,
      });
    }
    next();
  };
}

/** Statuses body-parser (and other middleware) give their errors, and the code each becomes. */
const CODE_OF_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Express error handler for what middleware rejects before Nest (a body that is too large, not JSON,
 * in an unsupported charset or encoding): the same JSON error shape with a stable code, never
 * Express's HTML page with a stack trace.
 */
export function httpErrorHandler(bodyLimit: string) {
  return (err: { type?: string; status?: number; statusCode?: number }, _req: Request, res: Response, next: NextFunction): void => {
    const status = err?.status ?? err?.statusCode;
    if (err?.type === 'entity.too.large') return sendHttpError(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than ${bodyLimit}`);
    if (err?.type === 'entity.parse.failed') return sendHttpError(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON');
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return sendHttpError(res, status, CODE_OF_STATUS[status] ?? 'BAD_REQUEST', status === 415 ? 'Unsupported request body encoding or charset' : 'Bad request');
    }
    next(err);
  };
}
