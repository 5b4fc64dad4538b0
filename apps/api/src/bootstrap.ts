import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import {
  ALL_QUEUES,
  APP_CONFIG,
  AppConfig,
  AppError,
  auditAdminHttpAction,
  AuthGuard,
  ErrorCode,
  graphqlRequestGuard,
  httpErrorHandler,
  RateLimiter,
  rateLimitMiddleware,
  Role,
  TenantContext,
  TokenService,
} from '@waypoint/core';
import { DataSource } from 'typeorm';
import { json, NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

function errorBody(code: ErrorCode | 'BAD_REQUEST', message: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** Builds the API application: body limits, logs, Bull Board (org admins only), graceful shutdown. */
export async function createApi(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: false, bufferLogs: true });
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  // Protections, in order: rate limits (before reading the body), body size, batches and document size.
  app.use(rateLimitMiddleware(app.get(RateLimiter), app.get(TokenService), config.rateLimit));
  app.use(json({ limit: config.bodyLimit }));
  app.use(httpErrorHandler(config.bodyLimit));
  // Each request runs in a TenantContext of its own, bound to the caller's organization by the
  // auth guard; until then (and for public operations) its connections see no tenant rows.
  // After the body parser: its stream callbacks would otherwise lose the context.
  app.use((_req: Request, _res: Response, next: NextFunction) => TenantContext.runUnbound(() => next()));
  app.use('/graphql', graphqlRequestGuard(config.graphql));

  const board = new ExpressAdapter();
  board.setBasePath('/admin/queues');
  createBullBoard({ queues: ALL_QUEUES.map((q) => new BullMQAdapter(app.get(getQueueToken(q)))), serverAdapter: board });
  const guard = app.get(AuthGuard);
  const db = app.get(DataSource);
  app.use('/admin/queues', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const cookie = /(?:^|;\s*)waypoint_token=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      const caller = await guard.authenticate(req.headers.authorization ?? (cookie ? `Bearer ${cookie}` : undefined));
      if (!caller.roles.includes(Role.ORG_ADMIN)) return res.status(403).json(errorBody(ErrorCode.FORBIDDEN, 'Org admins only'));
      auditAdminHttpAction(db, caller, req, res, 'bullBoard'); // retry, clean, pause…: one audit_log row each
      next();
    } catch (e) {
      const message = e instanceof AppError ? e.message : 'Sign in first';
      res.status(401).json(errorBody(ErrorCode.UNAUTHENTICATED, message));
    }
  });
  app.use('/admin/queues', board.getRouter());
  serveWebClient(app, config);
  return app;
}

/** The production build of the web client (apps/web/dist), same origin as /graphql; any other GET falls back to index.html. */
function serveWebClient(app: NestExpressApplication, config: AppConfig): void {
  const dir = resolve(config.webDistDir ?? 'apps/web/dist');
  if (!existsSync(join(dir, 'index.html'))) return;
  app.useStaticAssets(dir, { index: false, maxAge: '1h' });
  const api = /^\/(graphql|health|admin|calendar)(\/|$)/;
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || api.test(req.path) || !req.accepts('html')) return next();
    res.sendFile(join(dir, 'index.html'));
  });
}
