import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, Role } from '../tenancy/caller';
import { insertAuditRow } from './audit-context';

const log = new Logger('Audit');
const REQUEST_ID = /^[\w-]{8,64}$/;
const requestIdHeader = (req: IncomingMessage) => {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : null;
};
const QUEUE = /^\/api\/queues\/([\w.:{}-]+)(?:\/|$)/;

/**
 * Audits an org admin's changing request to an admin HTTP surface (Bull Board: retry, clean,
 * pause, empty, add, remove jobs…) — an admin action outside GraphQL. Reads (GET, HEAD) are not
 * audited. The row is written once the response finished successfully; the change lives in Redis,
 * so there is no transaction to share: a crash in between loses the row (the request and its id are
 * still in the logs).
 */
export function auditAdminHttpAction(
  db: DataSource,
  caller: Caller,
  req: IncomingMessage & { id?: unknown; path?: string; url?: string },
  res: ServerResponse,
  surface: string,
): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
  const path = (req.path ?? req.url ?? '').split('?')[0].slice(0, 300);
  res.on('finish', () => {
    if (res.statusCode >= 400) return;
    const queue = QUEUE.exec(path)?.[1];
    insertAuditRow(
      db,
      {
        organizationId: caller.organizationId,
        actorId: caller.employeeId,
        role: Role.ORG_ADMIN,
        action: surface,
        returnType: queue && queue !== 'pause' && queue !== 'resume' ? 'Queue' : null,
        argTargetId: queue && queue !== 'pause' && queue !== 'resume' ? queue : null,
        input: { method: req.method, path },
        requestId: req.id !== undefined ? String(req.id) : requestIdHeader(req),
        written: true,
      },
      null,
    ).catch((e) => log.error({ msg: 'Audit row of an admin HTTP action not written', surface, error: e }));
  });
}
