// Vitest global setup: builds the CLI bundle once per run, so test/cli can spawn `node bin/rnnlab.js`.
// A failed build does not stop the other suites: the error is handed to the CLI tests, which fail with it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why `node scripts/build-cli.mjs` failed, or '' when the bundle was built. */
    cliBuildError: string;
  }
}

export default function setup(project: TestProject): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  try {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: 'pipe' });
    project.provide('cliBuildError', '');
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    project.provide('cliBuildError', stderr || String(error));
  }
}
