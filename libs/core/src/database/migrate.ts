import { loadConfigOrExit } from '../config/config';
import { runMigrations } from './data-source';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL. */
async function main() {
  const config = loadConfigOrExit();
  const applied = await runMigrations(config.databaseUrl);
  process.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'Database is up to date\n');
}

main().catch((e) => {
  process.stderr.write(`Migration failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
