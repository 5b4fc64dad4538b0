import { Module } from '@nestjs/common';
import { RateLimiter } from './rate-limiter';

/** The API's rate limiter (the worker does not load it); the middleware is mounted in apps/api/src/bootstrap.ts. */
@Module({ providers: [RateLimiter], exports: [RateLimiter] })
export class RateLimitModule {}
