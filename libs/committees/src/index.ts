export * from './committee.entity';
export * from './committee.service';
export * from './committees.module';
export { TERM_REMINDER_JOB, TERM_REMINDER_LEAD_MS } from './jobs/committees.processor';
