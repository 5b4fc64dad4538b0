/**
 * Runs N copies of the compiled API behind one port with Node's cluster module (the primary
 * accepts connections and hands them out round robin): `node cluster.js N dist/apps/api/src/main.js [node flags]`.
 * Benchmark use only; production would run N containers behind a load balancer.
 */
'use strict';
const cluster = require('node:cluster');
const [count, main, ...nodeArgs] = process.argv.slice(2);
if (cluster.isPrimary) {
  cluster.setupPrimary({ exec: main, execArgv: nodeArgs });
  for (let i = 0; i < Number(count); i++) cluster.fork();
  let stopping = false;
  cluster.on('exit', (w, code) => {
    if (!stopping) {
      process.stderr.write(`cluster: API worker ${w.process.pid} exited with ${code}\n`);
      stopping = true;
      for (const x of Object.values(cluster.workers)) x.kill('SIGTERM');
      process.exitCode = 1;
    }
    if (!Object.keys(cluster.workers).length) process.exit();
  });
  const stop = () => {
    stopping = true;
    for (const x of Object.values(cluster.workers)) x.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
