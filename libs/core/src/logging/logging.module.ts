import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream, LoggerOptions } from 'pino';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { REDACT_PATHS, scrubLogArguments, serializeError, serializeRequest, serializeResponse } from './redact';

const REQUEST_ID = /^[\w-]{8,64}$/;

/** Log options shared by the API and the worker: what may be logged at all (see redact.ts). */
export function loggerOptions(config: Pick<AppConfig, 'logLevel'>): LoggerOptions {
  return {
    level: config.logLevel,
    serializers: { req: serializeRequest as never, res: serializeResponse as never, err: serializeError },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: {
      // Every log call, whoever makes it (Nest loggers, pino-http, libraries): scrub its arguments.
      logMethod(args, method) {
        return method.apply(this, scrubLogArguments(args) as Parameters<typeof method>);
      },
    },
  };
}

/** Where logs go: stdout, or appended to LOG_FILE (synchronous writes, so nothing is lost on exit). */
export function logDestination(config: Pick<AppConfig, 'logFile'>): DestinationStream | undefined {
  return config.logFile ? pino.destination({ dest: config.logFile, append: true, sync: true, mkdir: true }) : undefined;
}

/**
 * Structured JSON logs (pino) with a request id: taken from X-Request-Id when sane, else generated.
 * Requests are logged as id, method and path; errors as type, message, stack and code; strings are
 * scrubbed of tokens, URL passwords and email addresses (see redact.ts and the logs e2e test).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const options = {
          ...loggerOptions(config),
          genReqId: (req: { headers: Record<string, string | string[] | undefined> }, res: { setHeader(k: string, v: string): void }) => {
            const given = req.headers['x-request-id'];
            const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
            res.setHeader('x-request-id', id);
            return id;
          },
          autoLogging: { ignore: (req: { url?: string }) => req.url === '/health' },
        };
        const destination = logDestination(config);
        return { pinoHttp: destination ? [options, destination] : options } as never;
      },
    }),
  ],
})
export class LoggingModule {}
