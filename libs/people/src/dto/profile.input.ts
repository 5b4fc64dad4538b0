import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { Priority } from '../employee.entity';

const LANGUAGE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

/** What an employee may change on their own profile. Omitted fields stay as they are. */
@InputType()
export class UpdateMyProfileInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(120) location?: string;
  @Field({ nullable: true, description: 'IANA time zone, e.g. Europe/Paris' }) @IsOptional() @IsTimeZone() timeZone?: string;
  @Field(() => [String], { nullable: true, description: 'ISO 639 codes, e.g. en, fr, pt-BR' })
  @IsOptional() @ArrayMaxSize(10) @ArrayUnique() @Matches(LANGUAGE, { each: true, message: 'each language must be an ISO 639 code such as en or pt-BR' })
  languages?: string[];
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(2000) bio?: string;
  @Field(() => [String], { nullable: true }) @IsOptional() @ArrayMaxSize(20) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(40, { each: true })
  passions?: string[];
  @Field({ nullable: true }) @IsOptional() @IsBoolean() openToMentoring?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() seekingMentor?: boolean;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() openToProjects?: boolean;
  @Field({ nullable: true, description: 'Private: only you and HR see it' }) @IsOptional() @IsBoolean() openToOpportunities?: boolean;
  @Field(() => [String], { nullable: true, description: 'Private. Roles "two jobs from now"' })
  @IsOptional() @ArrayMaxSize(5) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(100, { each: true })
  targetRoles?: string[];
  @Field(() => [ID], { nullable: true, description: 'Private. Departments you would like to work in' })
  @IsOptional() @ArrayMaxSize(5) @ArrayUnique() @IsUUID('all', { each: true })
  targetDepartmentIds?: string[];
  @Field(() => [Priority], { nullable: true, description: 'Private. At most three, most important first' })
  @IsOptional() @ArrayMaxSize(3) @ArrayUnique() @IsEnum(Priority, { each: true })
  priorities?: Priority[];
  @Field({ nullable: true, description: 'Private. Anything else about your priorities' }) @IsOptional() @IsString() @MaxLength(500) prioritiesNote?: string;
}

@InputType()
export class EmployeeSkillInput {
  @Field(() => ID) @IsUUID('all', { message: 'skillId must be a skill id' }) skillId: string;
  @Field(() => Int, { description: '1 (novice) to 5 (expert)' }) @IsInt() @Min(1) @Max(5) proficiency: number;
  @Field({ defaultValue: false }) @IsBoolean() wantsToLearn: boolean = false;
  @Field({ defaultValue: false }) @IsBoolean() wantsToTeach: boolean = false;
}

@ArgsType()
export class SetMySkillsArgs {
  @Field(() => [EmployeeSkillInput])
  @ValidateNested({ each: true }) @Type(() => EmployeeSkillInput) @ArrayMaxSize(100) skills: EmployeeSkillInput[];
}

@InputType()
export class SkillFilterInput {
  @Field(() => ID) @IsUUID('all', { message: 'skillId must be a skill id' }) skillId: string;
  @Field(() => Int, { defaultValue: 1 }) @IsInt() @Min(1) @Max(5) minProficiency: number = 1;
}

@InputType()
export class EmployeeFilter {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() departmentId?: string;
  @Field(() => SkillFilterInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => SkillFilterInput) skill?: SkillFilterInput;
  @Field({ nullable: true, description: 'Words matched against name, title, department and skills (prefixes too)' })
  @IsOptional() @IsString() @MaxLength(200) search?: string;
  @Field({ nullable: true, description: 'HR and org admins only: include deactivated employees' })
  @IsOptional() @IsBoolean() includeInactive?: boolean;
}

@InputType()
export class CreateEmployeeInput {
  @Field() @IsEmail() @MaxLength(254) email: string;
  @Field() @IsString() @MinLength(1) @MaxLength(100) firstName: string;
  @Field() @IsString() @MinLength(1) @MaxLength(100) lastName: string;
  @Field() @IsString() @MinLength(1) @MaxLength(120) title: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(12) level: number;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() departmentId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() managerId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(120) location?: string;
  @Field({ nullable: true }) @IsOptional() @IsTimeZone() timeZone?: string;
  @Field(() => [String], { nullable: true })
  @IsOptional() @ArrayMaxSize(10) @ArrayUnique() @Matches(LANGUAGE, { each: true, message: 'each language must be an ISO 639 code such as en or pt-BR' })
  languages?: string[];
}

/** HR edits of an employee record. Omitted fields stay; `managerId: null` removes the manager. */
@InputType()
export class UpdateEmployeeInput {
  @Field({ nullable: true }) @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) firstName?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) lastName?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MinLength(1) @MaxLength(120) title?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(12) level?: number;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() departmentId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() managerId?: string | null;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(120) location?: string;
  @Field({ nullable: true }) @IsOptional() @IsTimeZone() timeZone?: string;
}
