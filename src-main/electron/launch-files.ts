// Projects handed to the app by the OS: a `.rnnlab` path on the command line (file association on Windows/Linux,
// or a second launch forwarded by the single-instance lock) and macOS `open-file` events, which may arrive before
// the app is ready. Each one opens in the existing window, after asking about unsaved work.
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** The last `.rnnlab` file named on a command line (flags and the executable skipped), resolved against `cwd`. */
export function projectArgument(argv: readonly string[], cwd: string): string | null {
  for (const arg of [...argv].reverse()) {
    if (arg.startsWith('-') || !/\.rnnlab$/i.test(arg)) continue;
    const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (existsSync(path)) return path;
  }
  return null;
}

/** Collects paths until the host can open them, then opens each as it comes, one at a time. */
export class LaunchQueue {
  private pending: string[] = [];
  private opener: ((path: string) => Promise<void>) | null = null;
  private chain: Promise<void> = Promise.resolve();

  push(path: string): void {
    if (this.opener) this.run(this.opener, path);
    else this.pending.push(path);
  }

  /** Starts opening: first what arrived before, then every later path. */
  ready(opener: (path: string) => Promise<void>): void {
    this.opener = opener;
    for (const path of this.pending.splice(0)) this.run(opener, path);
  }

  /** Resolves when every path pushed so far has been handled (tests, start-up). */
  idle(): Promise<void> {
    return this.chain;
  }

  get waiting(): number {
    return this.pending.length;
  }

  private run(opener: (path: string) => Promise<void>, path: string): void {
    this.chain = this.chain.then(() => opener(path)).catch(() => undefined);
  }
}
