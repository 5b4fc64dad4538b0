import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLoggerInterface, LoggerOptions } from 'typeorm';

const MAX_QUERY = 2000;
const clip = (query: string) => (query.length > MAX_QUERY ? `${query.slice(0, MAX_QUERY)}…` : query).replace(/\s+/g, ' ');

/**
 * TypeORM's logs through the application logger, **never with the query parameters** (they hold
 * names, emails, free text): statements at trace (LOG_LEVEL=trace), failed statements at debug
 * (the error reaches the caller anyway), slow statements at warn.
 */
export class TypeOrmLogger implements TypeOrmLoggerInterface {
  private readonly logger = new Logger('TypeORM');

  logQuery(query: string): void {
    this.logger.verbose({ msg: 'query', query: clip(query) });
  }

  logQueryError(error: string | Error, query: string): void {
    const message = typeof error === 'string' ? error : error.message;
    const code = typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
    this.logger.debug({ msg: 'query failed', query: clip(query), error: message, code });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ msg: 'slow query', ms: time, query: clip(query) });
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}

/** Which TypeORM events to log for a LOG_LEVEL: every statement only at trace. */
export function typeOrmLogging(logLevel: string): LoggerOptions {
  return logLevel === 'trace' ? 'all' : ['error', 'warn', 'migration'];
}
