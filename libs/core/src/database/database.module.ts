import { Global, Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { TypeOrmLogger, typeOrmLogging } from '../logging/typeorm-logger';
import { dataSourceOptions } from './data-source';
import { bindTenantContext } from './tenant-binding';

/**
 * The name of the system DataSource: DATABASE_ADMIN_URL, the tables' owner, to which row-level
 * security does not apply. Only the named system tasks use it (libs/core/README.md, "Tenancy").
 */
export const SYSTEM_DB = 'system';
/** Injects the system DataSource (cross-organization work only: see libs/core/README.md). */
export const InjectSystemDataSource = () => InjectDataSource(SYSTEM_DB);

interface RoleFacts {
  rolname: string;
  rolsuper: boolean;
  rolbypassrls: boolean;
  /** Owns (or is a member of the owner of) a table with row-level security: the policies do not apply to it. */
  owns_rls_table: boolean;
}

const ROLE_FACTS = `
  SELECT r.rolname, r.rolsuper, r.rolbypassrls,
         EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity
                    AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owns_rls_table
    FROM pg_roles r WHERE r.rolname = current_user`;

function bypass(f: RoleFacts): string | undefined {
  if (f.rolsuper) return 'is a superuser';
  if (f.rolbypassrls) return 'has BYPASSRLS';
  if (f.owns_rls_table) return 'owns the tables';
  return undefined;
}

/**
 * At boot, the API and the worker check their database roles: the application connection must
 * not be able to bypass row-level security (superuser, BYPASSRLS or owner), and the system
 * connection must be. In production a wrong role stops the process with one line; otherwise
 * it is a warning (a developer pointing DATABASE_URL at the owner still gets a working app).
 */
@Injectable()
export class DatabaseRoleCheck implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectSystemDataSource() private readonly system: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const [[app], [sys]]: RoleFacts[][] = await Promise.all([this.db.query(ROLE_FACTS), this.system.query(ROLE_FACTS)]);
    const problems: string[] = [];
    const appBypass = bypass(app);
    if (appBypass) {
      problems.push(`DATABASE_URL connects as "${app.rolname}", which ${appBypass}: row-level security would not isolate tenants (use the application role, waypoint_app)`);
    }
    if (!bypass(sys)) {
      problems.push(`DATABASE_ADMIN_URL connects as "${sys.rolname}", which cannot bypass row-level security: system work across organizations would see nothing (use the tables' owner)`);
    }
    if (!problems.length) return;
    if (this.config.nodeEnv === 'production') throw new Error(problems[0]);
    for (const p of problems) this.logger.warn(p);
  }
}

/**
 * Two TypeORM connections, configured at boot. The application DataSource (DATABASE_URL, entities
 * register with TypeOrmModule.forFeature) binds every checkout to the current TenantContext; the
 * system DataSource (DATABASE_ADMIN_URL, raw SQL only, a small pool) is for the named system tasks.
 */
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
      dataSourceFactory: async (options?: DataSourceOptions) => bindTenantContext(await new DataSource(options!).initialize()),
    }),
    TypeOrmModule.forRootAsync({
      name: SYSTEM_DB,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseAdminUrl, { extra: { max: 4, connectionTimeoutMillis: 5000, statement_timeout: 30000 } }),
        name: SYSTEM_DB,
        migrations: [],
        entities: [],
        retryAttempts: 10,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [DatabaseRoleCheck],
})
export class DatabaseModule {}
