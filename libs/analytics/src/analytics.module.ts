import { Module } from '@nestjs/common';
import { AnalyticsResolver } from './analytics.resolver';
import { AnalyticsService } from './analytics.service';

/** Read-only HR analytics (API only: no entities, no events, no jobs). */
@Module({ providers: [AnalyticsService, AnalyticsResolver], exports: [AnalyticsService] })
export class AnalyticsApiModule {}
