// Runs one command line and maps every outcome to an exit code: 0 done, 1 bad input (a LabError, or an
// unexpected failure), 2 usage (commander's errors). Errors are one stderr line, never a stack trace,
// unless RNNLAB_DEBUG=1.
import { CommanderError } from 'commander';
import { LabError } from '../core/errors';
import type { CliIO } from './io';
import { createProgram } from './program';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

/** `argv` are the user's arguments only (process.argv.slice(2)). Resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return reportError(error, io);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Prints one `rnnlab:` line for any failure (plus the stack with RNNLAB_DEBUG=1) and returns the exit code. */
export function reportError(error: unknown, io: CliIO): number {
  const debug = io.env.RNNLAB_DEBUG === '1';
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return EXIT_OK; // --help, --version
    // 'commander.help' means the help text was already printed (no command given): nothing more to say.
    if (error.code !== 'commander.help') io.err(`rnnlab: ${oneLine(error.message.replace(/^error: /, ''))}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof LabError) {
    io.err(`rnnlab: ${oneLine(error.message)}\n`);
    if (debug && error.stack) io.err(`${error.stack}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`rnnlab: internal error: ${oneLine(message)}\n`);
  if (debug && error instanceof Error && error.stack) io.err(`${error.stack}\n`);
  return EXIT_BAD_INPUT;
}
