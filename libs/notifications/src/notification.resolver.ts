import { Args, ArgsType, Field, ID, Int, Mutation, ObjectType, Query, Resolver, Subscription } from '@nestjs/graphql';
import { Caller, Connection, CurrentUser, GraphQLContext, PageArgs } from '@waypoint/core';
import { ArrayMaxSize, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { SetNotificationPreferencesArgs } from './dto/preferences.input';
import { LiveNotification } from './live/live-channel';
import { LiveSubscriptions } from './live/live-subscriptions';
import { Notification, NotificationPreference } from './notification.entity';
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

/** Defense in depth: a message is only ever delivered to the employee (and organization) it names. */
function forCaller(payload: LiveNotification, _variables: unknown, ctx: GraphQLContext): boolean {
  const caller = ctx.req?.caller;
  return !!caller && payload.organizationId === caller.organizationId && payload.recipientId === caller.employeeId;
}

@Resolver(() => Notification)
export class NotificationResolver {
  constructor(
    private readonly notifications: NotificationService,
    private readonly live: LiveSubscriptions,
  ) {}

  @Query(() => NotificationConnection, { description: 'Your notifications, newest first (types you turned OFF are hidden)' })
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

  @Query(() => [NotificationPreference], { description: 'Your notification preferences; a type not listed is IN_APP' })
  myNotificationPreferences(@CurrentUser() caller: Caller): Promise<NotificationPreference[]> {
    return this.notifications.preferences(caller);
  }

  @Mutation(() => [NotificationPreference], {
    description: 'Sets how you receive each given type: IN_APP (live and in the app), EMAIL_DIGEST (in the app and the daily email) or OFF. Returns all your preferences.',
  })
  setNotificationPreferences(@CurrentUser() caller: Caller, @Args() args: SetNotificationPreferencesArgs): Promise<NotificationPreference[]> {
    return this.notifications.setPreferences(caller, args.preferences);
  }

  @Subscription(() => Notification, {
    description:
      'Your new notifications as they arrive (graphql-ws; connectionParams: { authorization: "Bearer <token>" }). Only types you receive IN_APP.',
    filter: forCaller,
    resolve: (payload: LiveNotification) => payload,
  })
  notificationReceived(@CurrentUser() caller: Caller) {
    return this.live.forCaller(caller);
  }
}
