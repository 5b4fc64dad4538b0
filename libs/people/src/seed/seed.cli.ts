import 'reflect-metadata';
import { dataSourceOptions, runMigrations } from '@waypoint/core';
import { DataSource } from 'typeorm';
import { DEFAULT_SEED, MAX_EMPLOYEES, MIN_EMPLOYEES } from './generator';
import { seedOrganization } from './seed';

/**
 * `npm run db:seed -- --employees 2000 [--org demo] [--seed 42]`
 *
 * Applies pending migrations to DATABASE_ADMIN_URL (or DATABASE_URL when it is not set), then
 * seeds the organization (nothing happens if its slug already exists) and prints one summary
 * line. Seeding is owner work (it creates an organization, so it is not subject to row-level
 * security); it needs no Redis, so the full application configuration is not required.
 * Exit codes: 0 done, 1 failure (configuration, database), 2 bad arguments.
 */

const USAGE = `usage: npm run db:seed -- [--employees N] [--org SLUG] [--seed N]   (N employees: ${MIN_EMPLOYEES} to ${MAX_EMPLOYEES}, default 300; org default "demo"; seed default ${DEFAULT_SEED})`;

export interface SeedArgs {
  employees: number;
  org: string;
  seed: number;
}

export class ArgsError extends Error {}

/** Parses `--name value` and `--name=value`; throws ArgsError with a one-line message. */
export function parseSeedArgs(argv: string[]): SeedArgs | 'help' {
  const args: SeedArgs = { employees: 300, org: 'demo', seed: DEFAULT_SEED };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    const m = /^--(employees|org|seed)(?:=(.*))?$/.exec(arg);
    if (!m) throw new ArgsError(`unknown argument "${arg}"`);
    const [, name, inline] = m;
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new ArgsError(`--${name} needs a value`);
    if (name === 'org') {
      if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(value)) {
        throw new ArgsError(`--org must be a slug of lower-case letters, digits and '-' (got "${value}")`);
      }
      args.org = value;
    } else if (name === 'employees') {
      if (!/^\d+$/.test(value) || Number(value) < MIN_EMPLOYEES || Number(value) > MAX_EMPLOYEES) {
        throw new ArgsError(`--employees must be an integer from ${MIN_EMPLOYEES} to ${MAX_EMPLOYEES} (got "${value}")`);
      }
      args.employees = Number(value);
    } else {
      if (!/^\d{1,9}$/.test(value)) throw new ArgsError(`--seed must be a non-negative integer below 10^9 (got "${value}")`);
      args.seed = Number(value);
    }
  }
  return args;
}

function databaseUrlOrExit(): string {
  const name = process.env.DATABASE_ADMIN_URL ? 'DATABASE_ADMIN_URL' : 'DATABASE_URL';
  const url = process.env[name];
  if (!url) {
    process.stderr.write('Invalid configuration: DATABASE_URL is required but not set (e.g. postgres://postgres@127.0.0.1:5432/waypoint)\n');
    process.exit(1);
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    process.stderr.write(`Invalid configuration: ${name} must use postgres:// or postgresql://\n`);
    process.exit(1);
  }
  return url;
}

async function main(): Promise<void> {
  let args: SeedArgs | 'help';
  try {
    args = parseSeedArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof ArgsError)) throw e;
    process.stderr.write(`db:seed: ${e.message} (see --help)\n`);
    process.exit(2);
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const url = databaseUrlOrExit();
  const started = Date.now();
  await runMigrations(url);
  const db = new DataSource(dataSourceOptions(url, { migrations: [] }));
  await db.initialize();
  try {
    const result = await seedOrganization(db, { slug: args.org, employees: args.employees, seed: args.seed });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const what = result.created ? `created with ${result.employees} employees (seed ${args.seed})` : `already present with ${result.employees} employees, nothing inserted`;
    const signIn = result.demoUsers.map((u) => u.email).join(', ');
    process.stdout.write(`Organization "${args.org}" ${what} in ${seconds}s${signIn ? `; demo accounts: ${signIn}` : ''}\n`);
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`Seeding failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
