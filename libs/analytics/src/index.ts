export * from './analytics.model';
export * from './analytics.module';
export * from './analytics.service';
