// The commander program: global settings (output through CliIO, errors thrown instead of process.exit)
// and every command module of commands/index.ts registered on it.
import { Command } from 'commander';
import packageJson from '../../package.json';
import { commandModules } from './commands/index';
import type { CliIO } from './io';

export function createProgram(io: CliIO): Command {
  const program = new Command('rnnlab')
    .description('RNN Lab on the command line: create, inspect, run and differentiate recurrent networks.')
    .version(packageJson.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .configureOutput({
      writeOut: (text) => io.out(text),
      writeErr: (text) => io.err(text),
      // run.ts prints usage errors itself, as one `rnnlab: ...` line.
      outputError: () => {},
    })
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText('after', '\nRun `rnnlab <command> --help` for the options of one command. Exit codes: 0 ok, 1 bad input, 2 usage.');
  // Subcommands made by program.command() inherit the output settings and the exit override.
  for (const register of commandModules) register(program, io);
  return program;
}
