import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

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
  /** When the live dispatcher handled the row (pushed to subscriptions, or skipped per preference). Null: not yet. */
  @Column({ type: 'timestamptz', nullable: true }) dispatchedAt: Date | null;
  /** The email digest that carried the row. */
  @Column({ type: 'uuid', nullable: true }) digestId: string | null;
}

/** How an employee wants one type of notification. Without a preference: IN_APP. */
export enum NotificationChannel {
  /** In the notification centre and delivered live to open subscriptions. */
  IN_APP = 'IN_APP',
  /** In the notification centre (not pushed live) and in the daily email digest. */
  EMAIL_DIGEST = 'EMAIL_DIGEST',
  /** Neither: not pushed, not emailed, hidden from the notification centre. */
  OFF = 'OFF',
}
registerEnumType(NotificationChannel, { name: 'NotificationChannel' });

@ObjectType()
@Entity('notification_preference')
export class NotificationPreference {
  @Field(() => ID) @PrimaryColumn('uuid') employeeId: string;
  @Field({ description: 'A notification type, e.g. MEETING_REQUESTED' }) @PrimaryColumn() type: string;
  @Column('uuid') organizationId: string;
  @Field(() => NotificationChannel) @Column({ type: 'text' }) channel: NotificationChannel;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

@Entity('notification_digest')
export class NotificationDigest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column('uuid') recipientId: string;
  /** The recipient's local date the digest is for (one digest per recipient and day). */
  @Column({ type: 'date' }) digestDate: string;
  @Column({ type: 'integer', default: 0 }) notificationCount: number;
  @Column({ type: 'text', nullable: true }) messageId: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) sentAt: Date | null;
}
