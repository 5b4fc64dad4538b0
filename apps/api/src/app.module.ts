import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { APP_CONFIG, AppConfig, AppErrorHttpFilter, AuditApiModule, AuthGuard, CoreModule, formatGraphQLError, graphqlProtections, HealthController, protectSubscriptions, Loaders, RateLimitModule, validationPipe } from '@waypoint/core';
import { isWebSocketContext, liveSubscriptionOptions, NotificationsApiModule, webSocketContext } from '@waypoint/notifications';
import { MeetingsApiModule } from '@waypoint/meetings';
import { PeopleApiModule } from '@waypoint/people';
import { OpeningsApiModule } from '@waypoint/openings';
import { CommitteesApiModule } from '@waypoint/committees';
import { ProjectsApiModule } from '@waypoint/projects';
import { MentoringApiModule } from '@waypoint/mentoring';
import { AnalyticsApiModule } from '@waypoint/analytics';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

const log = new Logger('GraphQL');

@Module({
  imports: [
    CoreModule,
    RateLimitModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG, AuthGuard],
      useFactory: (config: AppConfig, guard: AuthGuard): ApolloDriverConfig => {
        const protections = graphqlProtections(config.graphql);
        return {
          autoSchemaFile: true,
          sortSchema: true,
          path: '/graphql',
          playground: false,
          introspection: config.graphql.introspection,
          includeStacktraceInErrorResponses: false,
          // Depth, cost, aliases, directives, operations, fragments, tokens (README: "GraphQL protections").
          ...protections,
          // No HTTP caching of GraphQL answers (every answer is per user): skip the per-field cache hints.
          plugins: [...protections.plugins, ApolloServerPluginCacheControlDisabled()],
          // Live notifications: graphql-ws on /graphql, authenticated per connection (connectionParams.authorization).
          subscriptions: protectSubscriptions(liveSubscriptionOptions(guard), config.graphql),
          context: (ctx: { req?: unknown; res?: unknown }) =>
            isWebSocketContext(ctx) ? webSocketContext(ctx) : { req: ctx.req, res: ctx.res, loaders: new Loaders() },
          formatError: (formatted, error) =>
            formatGraphQLError(formatted, (f) => log.error({ msg: 'Unexpected GraphQL error', error: f }), {
              error,
              hideSchemaDetails: config.graphql.hideSchemaDetails,
            }),
        };
      },
    }),
    AuditApiModule,
    PeopleApiModule,
    NotificationsApiModule,
    MeetingsApiModule,
    OpeningsApiModule,
    ProjectsApiModule,
    CommitteesApiModule,
    MentoringApiModule,
    AnalyticsApiModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_PIPE, useValue: validationPipe },
    { provide: APP_FILTER, useClass: AppErrorHttpFilter },
  ],
})
export class AppModule {}
