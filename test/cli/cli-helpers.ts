// Helpers of the CLI tests: run `rnnlab` as a real process (the bundle the global setup built) or in-process
// (same commands from source, no spawn cost), and scratch folders for project and JSON files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, inject } from 'vitest';
import { runCli } from '../../src-main/cli/run';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin/rnnlab.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawns `node bin/rnnlab.js ...args` (about 0.1-0.2 s each: keep the count moderate). */
export function spawnCli(args: string[], options: { cwd?: string; env?: Record<string, string>; script?: string } = {}): CliResult {
  const env = { ...process.env };
  delete env.RNNLAB_DEBUG;
  Object.assign(env, options.env);
  const result = spawnSync(process.execPath, [options.script ?? BIN, ...args], { cwd: options.cwd ?? ROOT, env, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the same command line in this process (from source), capturing what it prints. */
export async function runInProcess(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io = { out: (t: string) => void (stdout += t), err: (t: string) => void (stderr += t), env: {} };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** Fails the file's tests with the bundler's message when the global setup could not build the CLI. */
export function requireBuiltCli(): void {
  beforeAll(() => {
    const error = inject('cliBuildError');
    if (error) throw new Error(`the CLI bundle did not build:\n${error}`);
  });
}

/** A scratch folder removed after the file's tests; `file(name)` gives a path inside it. */
export function scratchFolder(): { file: (name: string) => string } {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rnnlab-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { file: (name) => join(dir, name) };
}

export function writeJson(path: string, value: unknown): string {
  writeFileSync(path, JSON.stringify(value));
  return path;
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Non-empty stderr lines. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}
