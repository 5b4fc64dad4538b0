/**
 * Web client benchmark: the production bundle's size, and the time to interactive of the home
 * page on localhost, in Chromium. Prints figures; it does not pass or fail.
 *
 *   npx tsx bench/web/run.ts [--loads 15] [--employees 2000] [--throttle 4] [--skip-build] [--reuse]
 *
 * - Builds everything (`npm run build`: server, then codegen + Vite) unless --skip-build.
 * - Bundle: every file of apps/web/dist, raw, gzip (level 9) and brotli, and the part that
 *   index.html loads before anything else (entry script, its preloads, the stylesheet,
 *   config.js): the home page needs nothing more, the other pages load their chunk on demand.
 * - Recreates the database `waypoint_bench_web` on 127.0.0.1:5432 (BENCH_DATABASE_URL to use
 *   another; --reuse keeps a seeded one), migrates it (runMigrations from dist) and seeds the
 *   organization "bench-web" with the seed library (demo employee with two target roles).
 * - Boots the compiled API in this process (`createApi()` from dist: NestJS needs the decorator
 *   metadata tsc emits, which tsx does not) on a free port, REDIS_URL redis://127.0.0.1:6379,
 *   serving apps/web/dist; signs the demo employee in with devSignIn.
 * - Loads the home page N times in Chromium (playwright-core, /usr/bin/chromium):
 *     cold   a new browser context each time (empty HTTP cache, token in localStorage);
 *     warm   reloads in one context (assets from the HTTP cache, `Cache-Control: max-age=3600`);
 *   each without throttling and with the CPU slowed --throttle times (CDP), to stand for a
 *   modest laptop or a phone. Time to interactive = navigation start to the moment the home
 *   page has rendered its data with event handlers attached: the app marks it
 *   (`performance.mark('waypoint:home-interactive')`, in the effect after that render). As a
 *   cross-check independent of the app's code, a MutationObserver injected before the page's
 *   scripts marks when the "Two jobs from now" card's Edit link first appears in the DOM.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { ensureDatabase } from '../lib';
import { chromium } from 'playwright-core';

type SeedModule = typeof import('../../libs/people/src/seed/seed');
type DataSourceModule = typeof import('../../libs/core/src/database/data-source');
type BootstrapModule = typeof import('../../apps/api/src/bootstrap');

const ROOT = resolve(__dirname, '../..');
const DIST = join(ROOT, 'apps/web/dist');
const SLUG = 'bench-web';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const READY = '.home[data-ready="true"] a[href="/profile#aspirations"]';

interface Options {
  loads: number;
  employees: number;
  throttle: number;
  build: boolean;
  reuse: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { loads: 15, employees: 2000, throttle: 4, build: true, reuse: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => Number(inline ?? argv[++i]);
    if (flag === '--loads') o.loads = value();
    else if (flag === '--employees') o.employees = value();
    else if (flag === '--throttle') o.throttle = value();
    else if (flag === '--skip-build') o.build = false;
    else if (flag === '--reuse') o.reuse = true;
    else {
      process.stderr.write(`bench/web: unknown argument "${argv[i]}"\n`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(o.loads) || o.loads < 1) fail('--loads must be a positive integer');
  if (!Number.isInteger(o.employees) || o.employees < 50) fail('--employees must be an integer of at least 50');
  if (!(o.throttle >= 1)) fail('--throttle must be 1 or more');
  return o;
}

function fail(message: string): never {
  process.stderr.write(`bench/web: ${message}\n`);
  process.exit(2);
}

const say = (line = '') => process.stdout.write(`${line}\n`);
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summary(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  const f = (n: number) => `${Math.round(n)} ms`.padStart(7);
  return `median ${f(percentile(s, 50))}  p90 ${f(percentile(s, 90))}  min ${f(s[0])}  max ${f(s[s.length - 1])}`;
}

// ---------------------------------------------------------------------------------------------
// Bundle size

interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

function sizeOf(path: string): FileSize {
  const buf = readFileSync(path);
  return {
    file: relative(DIST, path),
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

function bundleReport(): void {
  const files = walk(DIST)
    .filter((f) => /\.(js|css|html|svg)$/.test(f))
    .map(sizeOf)
    .sort((a, b) => b.raw - a.raw);
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const initialNames = new Set(['index.html']);
  for (const m of html.matchAll(/(?:src|href)="\/([^"]+)"/g)) initialNames.add(m[1]);
  const initial = files.filter((f) => initialNames.has(f.file));
  const sum = (list: FileSize[], k: 'raw' | 'gzip' | 'brotli') => list.reduce((n, f) => n + f[k], 0);
  const row = (name: string, raw: number, gz: number, br: number) => `  ${name.padEnd(48)} ${kb(raw).padStart(10)} ${kb(gz).padStart(10)} ${kb(br).padStart(10)}`;

  say('Bundle (apps/web/dist)');
  say(row('file', 0, 0, 0).replace(/0\.0 kB/g, '').replace(/\s+$/, '') + '        raw       gzip     brotli');
  for (const f of files) say(row(`${initialNames.has(f.file) ? '* ' : '  '}${f.file}`, f.raw, f.gzip, f.brotli));
  say(row('initial load (* above: what index.html pulls in)', sum(initial, 'raw'), sum(initial, 'gzip'), sum(initial, 'brotli')));
  say(row('everything', sum(files, 'raw'), sum(files, 'gzip'), sum(files, 'brotli')));
  say(`  JavaScript: ${files.filter((f) => f.file.endsWith('.js')).length} files; the home page needs only the initial load.`);
}

// ---------------------------------------------------------------------------------------------
// Time to interactive

interface LoadFigures {
  interactive: number;
  seen: number;
  fcp: number;
  domContentLoaded: number;
  transferred: number;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.build) {
    say('Building (npm run build) ...');
    const b = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    if (b.status !== 0) throw new Error('npm run build failed');
  }
  for (const f of ['apps/web/dist/index.html', 'dist/apps/api/src/bootstrap.js', 'dist/libs/people/src/seed/seed.js', 'dist/libs/core/src/database/data-source.js']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first (or drop --skip-build)`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
  say();
  bundleReport();

  // The database: recreate, migrate, seed.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { runMigrations, dataSourceOptions } = require(join(ROOT, 'dist/libs/core/src/database/data-source.js')) as DataSourceModule;
  const { seedOrganization } = require(join(ROOT, 'dist/libs/people/src/seed/seed.js')) as SeedModule;
  const { DataSource } = require('typeorm') as typeof import('typeorm');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const benchUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/waypoint_bench_web';
  await ensureDatabase(benchUrl, o.reuse);
  await runMigrations(benchUrl);
  const ds = new DataSource(dataSourceOptions(benchUrl, { migrations: [] }));
  await ds.initialize();
  const seeded = await seedOrganization(ds, { slug: SLUG, employees: o.employees });
  await ds.destroy();
  const employee = seeded.demoUsers.find((u) => u.persona === 'EMPLOYEE');
  if (!employee) throw new Error('The seed has no demo employee');

  // The API, in this process, from dist.
  Object.assign(process.env, {
    NODE_ENV: 'development',
    DATABASE_URL: benchUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: 'bench-web',
    DEV_SIGNIN_ENABLED: 'true',
    LOG_LEVEL: 'warn',
    WEB_DIST_DIR: DIST,
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createApi } = require(join(ROOT, 'dist/apps/api/src/bootstrap.js')) as BootstrapModule;
  const api = await createApi();
  await api.listen(0, '127.0.0.1');
  const url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($e: String!, $o: String!) { devSignIn(email: $e, organization: $o) { token } }', variables: { e: employee.email, o: SLUG } }),
    });
    const token = ((await res.json()) as { data: { devSignIn: { token: string } } }).data.devSignIn.token;
    const session = JSON.stringify({ token, method: 'dev', organization: SLUG });
    const [{ target_roles: roles }] = (
      await (async () => {
        const c = new Client({ connectionString: benchUrl });
        await c.connect();
        try {
          return (await c.query('SELECT target_roles FROM employee WHERE email = $1', [employee.email])).rows;
        } finally {
          await c.end();
        }
      })()
    ) as { target_roles: string[] }[];

    say();
    say(`Home page time to interactive: ${url}/ as ${employee.email} (${seeded.employees.toLocaleString('en')} employees; target roles: ${roles.join(', ') || 'none'})`);
    say(`  ${o.loads} loads per row; Chromium ${browser.version()} headless; API and database on this machine`);

    // Before any script of the page: the token, and an observer that marks when the ready element appears.
    const init = `localStorage.setItem('waypoint.session', ${JSON.stringify(session)});
      new MutationObserver((_, o) => {
        if (document.querySelector(${JSON.stringify(READY)})) { performance.mark('bench:ready-seen'); o.disconnect(); }
      }).observe(document, { subtree: true, childList: true, attributes: true });`;
    const measure = async (page: import('playwright-core').Page, reload: boolean): Promise<LoadFigures> => {
      if (reload) await page.reload({ waitUntil: 'commit' });
      else await page.goto(`${url}/`, { waitUntil: 'commit' });
      await page.waitForSelector(READY, { state: 'visible', timeout: 60_000 });
      return (await page.evaluate(`(() => {
        const at = (name) => { const e = performance.getEntriesByName(name)[0]; return e ? e.startTime : NaN; };
        const nav = performance.getEntriesByType('navigation')[0];
        const resources = performance.getEntriesByType('resource').reduce((n, r) => n + (r.transferSize || 0), 0);
        return {
          interactive: at('waypoint:home-interactive'),
          seen: at('bench:ready-seen'),
          fcp: at('first-contentful-paint'),
          domContentLoaded: nav.domContentLoadedEventEnd,
          transferred: resources + (nav.transferSize || 0),
        };
      })()`)) as LoadFigures;
    };

    const rows: [string, LoadFigures[]][] = [];
    for (const rate of o.throttle > 1 ? [1, o.throttle] : [1]) {
      const label = rate === 1 ? 'no throttling' : `CPU ${rate}x slower`;
      const cold: LoadFigures[] = [];
      for (let i = 0; i < o.loads; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        await context.addInitScript(init);
        const page = await context.newPage();
        if (rate > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });
        cold.push(await measure(page, false));
        await context.close();
      }
      const warm: LoadFigures[] = [];
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript(init);
      const page = await context.newPage();
      if (rate > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });
      await measure(page, false);
      for (let i = 0; i < o.loads; i++) warm.push(await measure(page, true));
      await context.close();
      rows.push([`cold, ${label}`, cold], [`warm, ${label}`, warm]);
    }
    for (const [label, figures] of rows) {
      say();
      say(`  ${label}`);
      say(`    interactive (app mark)      ${summary(figures.map((f) => f.interactive))}`);
      say(`    ready element in the DOM    ${summary(figures.map((f) => f.seen))}`);
      say(`    first contentful paint      ${summary(figures.map((f) => f.fcp))}`);
      say(`    DOMContentLoaded            ${summary(figures.map((f) => f.domContentLoaded))}`);
      say(`    transferred per load        ${kb(figures.map((f) => f.transferred).sort((a, b) => a - b)[Math.floor(figures.length / 2)])} (median; HTTP cache hits count 0)`);
    }
  } finally {
    await browser.close();
    await api.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`bench/web: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
