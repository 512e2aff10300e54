// Shared option parsing: numbers (range checks are the spec schema's job) and the --engine choice.
// A value that is not a number at all is a usage error (exit 2); a number out of range is bad input (exit 1).
import { InvalidArgumentError, Option } from 'commander';
import type { Engine, EngineName } from '../core/engine/types';
import type { CliIO } from './io';

export function parseNumberArg(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, found '${value}'`);
  return n;
}

/** A positive whole number for CLI-only sizes (batch, steps); spec sizes go through parseModelSpec instead. */
export function parseCountArg(value: string): number {
  const n = parseNumberArg(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) {
    throw new InvalidArgumentError(`expected a whole number from 1 to 10000, found '${value}'`);
  }
  return n;
}

export function engineOption(): Option {
  const help = 'native (C++ kernel) or reference (TypeScript); by default native, or reference with a warning when the kernel is not built';
  return new Option('--engine <name>', help).choices(['native', 'reference']);
}

/** Picks the engine and shows its fallback warning, once, on stderr. An explicit native that cannot load is an error. */
export async function chooseEngine(io: CliIO, requested: EngineName | undefined): Promise<Engine> {
  const { selectEngine } = await import('../core/engine/select');
  const { engine, warning } = await selectEngine(requested);
  if (warning) io.err(`rnnlab: warning: ${warning}\n`);
  return engine;
}
