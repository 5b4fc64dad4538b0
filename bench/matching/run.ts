/**
 * Matching benchmarks: figures, not tests.
 *
 *   npx tsx bench/matching/run.ts [--sizes 10000,50000,200000] [--dense 1000,2000,5000] [--k 50]
 *                                 [--timeout 600]
 *
 * Each case runs in its own child process, so that its peak RSS is its own and a case that exceeds
 * --timeout seconds is stopped.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { munkres } from 'munkres';
import { Objective, generateCandidates, solveAssignment } from '@waypoint/matching';
import { generateDense, generateOrganization } from './generate';
import { greedyAssignment } from './greedy';

const OBJECTIVES: Objective[] = ['score', 'coverage'];

function option(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1] : fallback;
}
const list = (value: string) => value.split(',').filter(Boolean).map(Number);

/** Runs `run`; returns its result, wall seconds and CPU seconds of this process. */
function timed<T>(run: () => T): [T, number, number] {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(cpu);
  return [result, (performance.now() - start) / 1000, (used.user + used.system) / 1e6];
}

const seconds = (s: number) => `${s.toFixed(2)} s`;
const wallCpu = (wall: number, cpu: number) => `${seconds(wall)} (cpu ${seconds(cpu)})`;
const peakRss = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`;

/** Candidates + exact solve for both objectives, against greedy on the same candidate graph. */
function sparseCase(mentees: number, k: number): void {
  const [org, generation] = timed(() => generateOrganization(mentees));
  const [graph, candidates, candidatesCpu] = timed(() => generateCandidates(org.mentees, org.mentors, org.context, { k }));
  const capacity = org.mentors.reduce((sum, m) => sum + m.freeCapacity, 0);
  console.log(
    `\n## ${mentees} mentees, ${org.mentors.length} mentors (capacity ${capacity}), k = ${k}\n` +
      `generation ${seconds(generation)}; candidates ${wallCpu(candidates, candidatesCpu)}: ${graph.mentor.length} edges`,
  );
  const [greedy, greedyTime] = timed(() => greedyAssignment(graph));
  console.log(
    `greedy: ${seconds(greedyTime)}, total ${greedy.totalScore.toFixed(3)}, matched ${greedy.matched}, ` +
      `unmatched ${mentees - greedy.matched}`,
  );
  for (const objective of OBJECTIVES) {
    const [optimal, solve, solveCpu] = timed(() => solveAssignment(graph, objective));
    console.log(
      `optimal (${objective}): solve ${wallCpu(solve, solveCpu)}, ` +
        `candidates + solve ${wallCpu(candidates + solve, candidatesCpu + solveCpu)}, ` +
        `total ${optimal.totalScore.toFixed(3)}, matched ${optimal.matched}, unmatched ${mentees - optimal.matched}, ` +
        `optimal/greedy total ${(optimal.totalScore / greedy.totalScore).toFixed(4)}`,
    );
  }
  console.log(`peak RSS ${peakRss()}`);
}

/** A complete graph: ours against munkres with every mentor expanded into capacity slots. */
function denseCase(mentees: number): void {
  const graph = generateDense(mentees);
  const mentors = graph.capacity.length;
  const [ours, oursTime, oursCpu] = timed(() => solveAssignment(graph, 'score'));
  const [peer, peerTime, peerCpu] = timed(() => {
    const slots: number[] = [];
    for (let j = 0; j < mentors; j++) for (let t = 0; t < graph.capacity[j]; t++) slots.push(j);
    const cost = Array.from({ length: mentees }, (_, i) => Float64Array.from(slots, (j) => -graph.score[i * mentors + j]));
    return munkres(cost).reduce((sum, [i, slot]) => sum + graph.score[i * mentors + slots[slot]], 0);
  });
  const agrees = Math.abs(peer - ours.totalScore) <= 1e-9 * Math.max(1, Math.abs(ours.totalScore));
  console.log(
    `\n## dense: ${mentees} mentees x ${mentors} mentors (${graph.mentor.length} edges)\n` +
      `ours ${wallCpu(oursTime, oursCpu)}, total ${ours.totalScore.toFixed(6)}; ` +
      `munkres (matrix included) ${wallCpu(peerTime, peerCpu)}, ` +
      `total ${peer.toFixed(6)}; munkres agrees: ${agrees ? 'yes' : `NO (difference ${(peer - ours.totalScore).toExponential(2)})`}; ` +
      `speed ratio munkres/ours ${(peerTime / oursTime).toFixed(1)} (cpu ${(peerCpu / oursCpu).toFixed(1)})\npeak RSS ${peakRss()}`,
  );
}

function main(args: string[]): void {
  const only = option(args, 'case', '');
  const k = Number(option(args, 'k', '50'));
  if (only) {
    const [kind, size] = only.split(':');
    return kind === 'dense' ? denseCase(Number(size)) : sparseCase(Number(size), k);
  }
  const timeout = Number(option(args, 'timeout', '600')) * 1000;
  const cases = [
    ...list(option(args, 'sizes', '10000,50000,200000')).map((n) => `sparse:${n}`),
    ...list(option(args, 'dense', '1000,2000,5000')).map((n) => `dense:${n}`),
  ];
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`# matching benchmarks (node ${process.version}, ${cpus().length} CPUs, load average ${load}, seeded instances)`);
  for (const name of cases) {
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--case', name, '--k', String(k)], {
      stdio: 'inherit',
      timeout,
    });
    if (child.error || child.status !== 0) console.log(`${name}: stopped (${child.error?.message ?? `exit ${child.status}`})`);
  }
}

main(process.argv.slice(2));
