import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { TypeOrmLogger, typeOrmLogging } from '../logging/typeorm-logger';
import { dataSourceOptions } from './data-source';

/** The TypeORM connection, configured at boot. Entities register themselves with TypeOrmModule.forFeature. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        migrations: [],
        autoLoadEntities: true,
        retryAttempts: 10,
        retryDelay: 1000,
        // Statements at trace, slow ones (> 2 s) at warn; parameters are never logged.
        logger: new TypeOrmLogger(),
        logging: typeOrmLogging(config.logLevel),
        maxQueryExecutionTime: 2000,
      }),
    }),
  ],
})
export class DatabaseModule {}
