import { loadConfigOrExit } from '@waypoint/core';
import { createWorker } from './bootstrap';

async function main() {
  loadConfigOrExit();
  await createWorker();
  process.stdout.write(JSON.stringify({ level: 30, msg: 'Waypoint worker running' }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`Worker failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
