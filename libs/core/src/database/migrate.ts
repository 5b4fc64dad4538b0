import { loadConfigOrExit } from '../config/config';
import { runMigrations } from './data-source';

/** `npm run db:migrate`: applies pending migrations as the owner (DATABASE_ADMIN_URL, or DATABASE_URL when it is not set). */
async function main() {
  const config = loadConfigOrExit();
  const applied = await runMigrations(config.databaseAdminUrl);
  process.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'Database is up to date\n');
}

main().catch((e) => {
  process.stderr.write(`Migration failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
