// `rnnlab export -o` to a path that cannot be written: a missing folder is refused before the export and its check
// run; a write that fails later is one line in words, without the temporary file's name or an errno code.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, scratchFolder } from '../cli/cli-helpers';

const files = scratchFolder();

async function project(): Promise<string> {
  const path = files.file('p.rnnlab');
  if (!existsSync(path)) expect((await runInProcess(['new', '--arch', 'gru', '--input-size', '2', '--hidden-size', '3', '-o', path])).code).toBe(0);
  return path;
}

describe('rnnlab export to a path that cannot be written', () => {
  it('refuses a missing folder up front, in one line', async () => {
    const out = join(files.file('no-such-folder'), 'm.onnx');
    const result = await runInProcess(['export', await project(), '-o', out, '--engine', 'reference']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`rnnlab: cannot write ${out}: the folder ${files.file('no-such-folder')} does not exist\n`);
  });

  it('says why a late write failed in words', async () => {
    const notAFolder = files.file('plain-file');
    writeFileSync(notAFolder, 'x');
    const out = join(notAFolder, 'm.onnx');
    const result = await runInProcess(['export', await project(), '-o', out, '--engine', 'reference']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`rnnlab: cannot write ${out}: a part of the path is not a directory\n`);
  });
});
