import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { DepartmentKind } from '../department.entity';

@InputType()
export class CreateDepartmentInput {
  @Field() @IsString() @MinLength(1) @MaxLength(120) name: string;
  @Field(() => DepartmentKind, { defaultValue: DepartmentKind.DEPARTMENT }) @IsEnum(DepartmentKind) kind: DepartmentKind = DepartmentKind.DEPARTMENT;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() parentId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() leaderId?: string;
}

@InputType()
export class UpdateDepartmentInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @Field(() => DepartmentKind, { nullable: true }) @IsOptional() @IsEnum(DepartmentKind) kind?: DepartmentKind;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() parentId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() leaderId?: string | null;
}
