// Entry point of the `rnnlab` bundle (out/cli/rnnlab.mjs, built by scripts/build-cli.mjs, started by bin/rnnlab.js).
import { processIO } from './io';
import { runCli } from './run';

// `rnnlab eval ... | head` closes stdout early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), processIO);
