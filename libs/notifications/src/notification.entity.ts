import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType()
@Entity('notification')
export class Notification {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column('uuid') recipientId: string;
  @Field({ description: 'e.g. OPENING_RECOMMENDED, APPLICATION_STATUS_CHANGED, PROJECT_ANNOUNCED' }) @Column() type: string;
  @Field(() => ID, { description: 'The id of what the notification is about (opening, application, project, ...)' }) @Column('uuid') sourceId: string;
  @Field() @Column() title: string;
  @Field() @Column({ default: '' }) body: string;
  @Field(() => GraphQLJSON) @Column({ type: 'jsonb', default: {} }) data: Record<string, unknown>;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) readAt: Date | null;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
