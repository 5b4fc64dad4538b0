import { Args, ArgsType, Field, GraphQLISODateTime, ID, InputType, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CurrentUser, Roles } from '../auth/decorators';
import { Connection, PageArgs } from '../graphql/connection';
import { Caller, Role } from '../tenancy/caller';
import { AuditLogEntry } from './audit-log.entity';
import { AuditService } from './audit.service';

@InputType()
export class AuditLogFilter {
  @Field({ nullable: true, description: 'A mutation name, e.g. createOpening' })
  @IsOptional()
  @Matches(/^[A-Za-z][A-Za-z0-9]{0,99}$/, { message: 'action must be a mutation name' })
  action?: string;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'actorId must be an id (UUID)' }) actorId?: string;

  @Field({ nullable: true, description: 'e.g. Opening, Employee' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  targetType?: string;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() @MaxLength(100) targetId?: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'At or after' }) @IsOptional() @IsDate() since?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Before' }) @IsOptional() @IsDate() until?: Date;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => AuditLogFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditLogFilter)
  filter?: AuditLogFilter;
}

@ObjectType()
export class AuditLogConnection extends Connection(AuditLogEntry) {}

@Resolver(() => AuditLogEntry)
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Roles(Role.ORG_ADMIN)
  @Query(() => AuditLogConnection, { description: 'Org admins: HR and admin actions of your organization, newest first' })
  auditLog(@CurrentUser() caller: Caller, @Args() args: AuditLogArgs) {
    return this.audit.list(caller, args.filter ?? {}, args);
  }
}
