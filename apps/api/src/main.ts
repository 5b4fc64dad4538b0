import { loadConfigOrExit } from '@waypoint/core';
import { createApi } from './bootstrap';

async function main() {
  const config = loadConfigOrExit();
  const app = await createApi();
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  process.stdout.write(JSON.stringify({ level: 30, msg: `Waypoint API listening`, graphql: `${url.replace('[::1]', 'localhost')}/graphql` }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`API failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
