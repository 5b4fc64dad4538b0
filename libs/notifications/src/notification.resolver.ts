import { Args, ArgsType, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Caller, Connection, CurrentUser, PageArgs } from '@waypoint/core';
import { ArrayMaxSize, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { Notification } from './notification.entity';
import { NotificationService } from './notification.service';

@ObjectType()
export class NotificationConnection extends Connection(Notification) {}

@ArgsType()
class MyNotificationsArgs extends PageArgs {
  @Field(() => Boolean, { defaultValue: false }) @IsBoolean() unreadOnly = false;
}

@ArgsType()
class MarkReadArgs {
  @Field(() => [ID], { nullable: true, description: 'Omit to mark all as read' })
  @IsOptional() @ArrayMaxSize(500) @IsUUID('all', { each: true }) ids?: string[];
}

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly notifications: NotificationService) {}

  @Query(() => NotificationConnection, { description: 'Your notifications, newest first' })
  myNotifications(@CurrentUser() caller: Caller, @Args() args: MyNotificationsArgs) {
    return this.notifications.mine(caller, args, args.unreadOnly);
  }

  @Query(() => Int)
  unreadNotificationCount(@CurrentUser() caller: Caller): Promise<number> {
    return this.notifications.unreadCount(caller);
  }

  @Mutation(() => Int, { description: 'Marks your notifications read; returns how many changed' })
  markNotificationsRead(@CurrentUser() caller: Caller, @Args() args: MarkReadArgs): Promise<number> {
    return this.notifications.markRead(caller, args.ids);
  }
}
