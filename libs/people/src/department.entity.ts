import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum DepartmentKind {
  DEPARTMENT = 'DEPARTMENT',
  BUSINESS_UNIT = 'BUSINESS_UNIT',
}
registerEnumType(DepartmentKind, { name: 'DepartmentKind' });

@ObjectType()
@Entity('department')
export class Department {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organizationId: string;
  @Field() @Column() name: string;
  @Field(() => DepartmentKind) @Column({ type: 'text', default: DepartmentKind.DEPARTMENT }) kind: DepartmentKind;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', nullable: true }) parentId: string | null;
  @Field(() => ID, { nullable: true }) @Column({ type: 'uuid', nullable: true }) leaderId: string | null;
  @Field() @Column({ default: true }) active: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}
