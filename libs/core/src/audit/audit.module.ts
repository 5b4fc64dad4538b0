import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogEntry } from './audit-log.entity';
import { AuditInterceptor } from './audit.interceptor';
import { AuditResolver } from './audit.resolver';
import { AuditService } from './audit.service';

/**
 * The API side of the audit log: the global interceptor that audits HR/admin mutations and the
 * `auditLog` query. (UnitOfWork writes the rows in the mutations' transactions; the worker needs
 * nothing of this module.)
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuditLogEntry])],
  providers: [AuditService, AuditResolver, AuditInterceptor, { provide: APP_INTERCEPTOR, useExisting: AuditInterceptor }],
  exports: [AuditService],
})
export class AuditApiModule {}
