/**
 * match:solve — the stable command-line contract used by outside tools.
 *   node dist/libs/matching/src/cli.js --input FILE
 * stdout: {"assignments":[{"mentee","mentor","score"}],"totalScore","matched"}; bad input: one line
 * on stderr, exit code 2, nothing on stdout.
 */
import { readFileSync } from 'node:fs';
import { MatchingInputError } from './errors';
import { assign, parseAssignmentInput } from './input';

/** Bad input: usage, unreadable file, malformed JSON, or values the engine refuses. */
const isInputError = (error: unknown) =>
  error instanceof MatchingInputError ||
  error instanceof SyntaxError ||
  (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string');

function main(args: readonly string[]): void {
  try {
    if (args.length !== 2 || args[0] !== '--input') throw new MatchingInputError('usage: --input FILE');
    const output = assign(parseAssignmentInput(JSON.parse(readFileSync(args[1], 'utf8'))));
    process.stdout.write(`${JSON.stringify(output)}\n`);
  } catch (error) {
    if (!isInputError(error)) throw error;
    process.stderr.write(`match:solve: ${(error as Error).message.replace(/\s+/g, ' ')}\n`);
    process.exitCode = 2;
  }
}

main(process.argv.slice(2));
