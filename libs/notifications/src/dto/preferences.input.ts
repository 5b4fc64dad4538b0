import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsString, Matches, ValidateNested } from 'class-validator';
import { NotificationChannel } from '../notification.entity';

@InputType()
export class NotificationPreferenceInput {
  @Field({ description: 'A notification type, e.g. MEETING_REQUESTED or PROJECT_ANNOUNCED' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/, { message: 'type must be a notification type in SCREAMING_SNAKE_CASE, e.g. MEETING_REQUESTED' })
  type: string;

  @Field(() => NotificationChannel) @IsEnum(NotificationChannel) channel: NotificationChannel;
}

@ArgsType()
export class SetNotificationPreferencesArgs {
  @Field(() => [NotificationPreferenceInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceInput)
  preferences: NotificationPreferenceInput[];
}
