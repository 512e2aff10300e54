// Test runner settings: node environment, one fork per file so native-addon and worker tests stay isolated.
// Two groups: every test file runs in parallel first; then the files that print the page's long tasks and redraw
// times (issue 9's and 10's responsiveness bars) run one at a time on an otherwise quiet machine, so what they print
// is the app's own behaviour, not another test file's training competing for the two cores.
import { configDefaults, defineConfig } from 'vitest/config';

/** Browser tests whose printed timings are the point: they run last, alone. */
const TIMED = ['test/browser/train-load.test.ts', 'test/browser/insight-views.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/setup/build-cli.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...TIMED] } },
      { extends: true, test: { name: 'timed', include: TIMED, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
