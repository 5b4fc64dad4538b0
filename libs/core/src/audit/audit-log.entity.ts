import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '../tenancy/caller';

/** One HR or admin action. Append-only: written with the change it records, never updated or deleted. */
@ObjectType({ description: 'An HR or admin action (org admins only). Free text and personal data of the input are left out.' })
@Entity('audit_log')
export class AuditLogEntry {
  @Field(() => ID) @PrimaryColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz' }) occurredAt: Date;
  @Field(() => ID, { description: 'The employee who acted' }) @Column('uuid') actorId: string;
  @Field(() => Role, { description: 'The role under which they acted' }) @Column({ type: 'text' }) role: Role;
  @Field({ description: 'The mutation, e.g. createOpening' }) @Column() action: string;
  @Field(() => String, { nullable: true, description: 'The kind of thing acted on, e.g. Opening' })
  @Column({ type: 'text', nullable: true })
  targetType: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) targetId: string | null;
  @Field(() => GraphQLJSON, { description: 'The arguments: ids, enums, numbers, booleans and dates; text is "[redacted]"' })
  @Column({ type: 'jsonb' })
  input: Record<string, unknown>;
  @Field(() => String, { nullable: true, description: 'The X-Request-Id of the request (matches the logs)' })
  @Column({ type: 'text', nullable: true })
  requestId: string | null;
}
