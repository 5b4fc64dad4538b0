import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { APP_CONFIG, AppConfig, AuthGuard, CoreModule, formatGraphQLError, HealthController, Loaders, validationPipe } from '@waypoint/core';
import { NotificationsApiModule } from '@waypoint/notifications';
import { PeopleApiModule } from '@waypoint/people';
import depthLimit from 'graphql-depth-limit';

const log = new Logger('GraphQL');

@Module({
  imports: [
    CoreModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        autoSchemaFile: true,
        sortSchema: true,
        path: '/graphql',
        playground: false,
        introspection: config.graphql.introspection,
        includeStacktraceInErrorResponses: false,
        validationRules: [depthLimit(config.graphql.maxDepth)],
        context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res, loaders: new Loaders() }),
        formatError: (formatted) => formatGraphQLError(formatted, (f) => log.error({ msg: 'Unexpected GraphQL error', error: f })),
      }),
    }),
    PeopleApiModule,
    NotificationsApiModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_PIPE, useValue: validationPipe },
  ],
})
export class AppModule {}
