import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum ReleaseStatus {
  PENDING = 'PENDING',
  AGREED = 'AGREED',
}
registerEnumType(ReleaseStatus, { name: 'ReleaseStatus' });

/**
 * After an internal hire, the employee's manager (at the time of the hire) agrees the date they
 * release the employee, within the policy deadline; the worker reminds, then escalates to HR.
 */
@ObjectType()
@Entity('release_agreement')
export class ReleaseAgreement {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Column('uuid') applicationId: string;
  @Column('uuid') employeeId: string;
  @Column('uuid') managerId: string;
  @Field(() => GraphQLISODateTime) @Column({ type: 'timestamptz' }) hiredAt: Date;
  @Field(() => GraphQLISODateTime, { description: 'The manager must agree a release date by then' })
  @Column({ type: 'timestamptz' })
  deadlineAt: Date;
  @Field(() => ReleaseStatus) @Column({ type: 'text', default: ReleaseStatus.PENDING }) status: ReleaseStatus;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) @Column({ type: 'date', nullable: true }) releaseDate: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) agreedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) agreedById: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) remindedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) escalatedAt: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
