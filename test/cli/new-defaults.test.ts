// `rnnlab new` without --input-size / --hidden-size (optional in issue 2): the app's default sizes, stated on stdout,
// and the sizes the user gives always win.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZES } from '../../src-main/cli/commands/new';
import { loadProject } from '../../src-main/core/project/index';
import { runInProcess, scratchFolder } from './cli-helpers';

const scratch = scratchFolder();

describe('rnnlab new default sizes', () => {
  it('fills both sizes in and says which defaults it used', async () => {
    const path = scratch.file('both.rnnlab');
    const result = await runInProcess(['new', '--arch', 'lstm', '-o', path]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`  default sizes used: input_size 1, hidden_size 8 (set them with --input-size and --hidden-size)\n`);
    const spec = (await loadProject(path)).spec;
    expect([spec.input_size, spec.hidden_size]).toEqual([DEFAULT_SIZES.input_size, DEFAULT_SIZES.hidden_size]);
  });

  it('names only the size that was left out', async () => {
    const path = scratch.file('one.rnnlab');
    const result = await runInProcess(['new', '--arch', 'gated', '--input-size', '3', '-o', path]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/default sizes used: hidden_size 8 \(/);
    expect(result.stdout).not.toContain('input_size 1');
    const spec = (await loadProject(path)).spec;
    expect([spec.input_size, spec.hidden_size]).toEqual([3, 8]);
  });

  it('prints no default line when both sizes are given', async () => {
    const result = await runInProcess(['new', '--arch', 'gru', '--input-size', '2', '--hidden-size', '5', '-o', scratch.file('given.rnnlab')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`created ${scratch.file('given.rnnlab')}: gru, input 2, hidden 5, 135 parameters\n`);
  });

  it('still refuses a size out of range with the schema message', async () => {
    const result = await runInProcess(['new', '--arch', 'rnn', '--hidden-size', '0', '-o', scratch.file('bad.rnnlab')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('rnnlab: invalid model spec: hidden_size: expected a hidden size from 1 to 4096, found 0\n');
  });
});
