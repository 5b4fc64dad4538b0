export * from './audit-context';
export * from './audit-log.entity';
export * from './audit-policy';
export * from './audit.interceptor';
export * from './audit.module';
export * from './audit.resolver';
export * from './audit.service';
export * from './summarize';
