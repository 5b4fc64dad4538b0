import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { bruteForce, smallInstance, toInput } from '../test/instances';

const root = resolve(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'match-cli-'));
let files = 0;

/** Runs the CLI from source (through tsx) so that the test needs no build. */
function run(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'cli.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runWith(content: string) {
  const file = join(dir, `input-${files++}.json`);
  writeFileSync(file, content);
  return run(['--input', file]);
}

describe('match:solve CLI', () => {
  it('prints only the optimal assignment as JSON', () => {
    const { code, stdout, stderr } = runWith(
      JSON.stringify({
        mentors: [
          { id: 'm1', capacity: 1 },
          { id: 'm2', capacity: 1 },
        ],
        mentees: [{ id: 'e1' }, { id: 'e2' }],
        edges: [
          { mentee: 'e1', mentor: 'm1', score: 0.9 },
          { mentee: 'e1', mentor: 'm2', score: 0.8 },
          { mentee: 'e2', mentor: 'm1', score: 0.85 },
        ],
      }),
    );
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toEqual({
      assignments: [
        { mentee: 'e1', mentor: 'm2', score: 0.8 },
        { mentee: 'e2', mentor: 'm1', score: 0.85 },
      ],
      totalScore: 0.8 + 0.85,
      matched: 2,
    });
  });

  it('agrees with exhaustive search on random instances', () => {
    fc.assert(
      fc.property(smallInstance(6, 3), fc.constantFrom('score' as const, 'coverage' as const), (instance, objective) => {
        const { code, stdout } = runWith(JSON.stringify(toInput(instance, objective)));
        expect(code).toBe(0);
        const output = JSON.parse(stdout);
        const best = bruteForce(instance, objective);
        expect(output.totalScore).toBeCloseTo(best.total, 9);
        if (objective === 'coverage') expect(output.matched).toBe(best.matched);
      }),
      { numRuns: 4 },
    );
  });

  const mentors = [{ id: 'm1', capacity: 1 }];
  const mentees = [{ id: 'e1' }];
  it.each<[string, string[] | string]>([
    ['malformed JSON', '{"mentors": ['],
    ['an unknown mentee in edges', JSON.stringify({ mentors, mentees, edges: [{ mentee: 'x', mentor: 'm1', score: 1 }] })],
    ['an unknown mentor in edges', JSON.stringify({ mentors, mentees, edges: [{ mentee: 'e1', mentor: 'x', score: 1 }] })],
    ['duplicate mentee ids', JSON.stringify({ mentors, mentees: [...mentees, ...mentees], edges: [] })],
    ['a negative capacity', JSON.stringify({ mentors: [{ id: 'm1', capacity: -1 }], mentees, edges: [] })],
    ['a non-integer capacity', JSON.stringify({ mentors: [{ id: 'm1', capacity: 0.5 }], mentees, edges: [] })],
    ['a non-finite score', `{"mentors":[{"id":"m1","capacity":1}],"mentees":[{"id":"e1"}],"edges":[{"mentee":"e1","mentor":"m1","score":1e999}]}`],
    ['a missing file', ['--input', join(dir, 'missing.json')]],
    ['no --input', []],
  ])('exits 2 with one line on stderr and nothing on stdout for %s', (_, input) => {
    const { code, stdout, stderr } = typeof input === 'string' ? runWith(input) : run(input);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^match:solve: [^\n]+\n$/);
  });
});
