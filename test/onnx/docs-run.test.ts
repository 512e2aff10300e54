// docs/onnx.md's `rnnlab run` session is real output: the --describe block and the run of in.json are what the
// commands print today for the anbn-lstm example (so a retuned example shows up here as a stale page).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInProcess, scratchFolder } from '../cli/cli-helpers';

const files = scratchFolder();
const doc = readFileSync(new URL('../../docs/onnx.md', import.meta.url), 'utf8');
const example = new URL('../../resources/examples/anbn-lstm.rnnlab', import.meta.url).pathname;

/** The lines the page shows after `$ <command>`, up to the next `$` line or the end of the block. */
function shownOutput(command: string): string {
  const start = doc.indexOf(`$ ${command}\n`);
  expect(start, command).toBeGreaterThanOrEqual(0);
  const rest = doc.slice(start + command.length + 3);
  return rest.slice(0, rest.search(/^(\$ |```)/m));
}

describe('docs/onnx.md run session', () => {
  it('shows what --describe and a run print for the exported example', async () => {
    const model = files.file('anbn.onnx');
    expect((await runInProcess(['export', example, '-o', model, '--engine', 'reference'])).code).toBe(0);
    const described = await runInProcess(['run', model, '--describe']);
    expect(described.stdout.replace(model, 'anbn.onnx')).toBe(shownOutput('rnnlab run anbn.onnx --describe'));
    const input = files.file('in.json');
    writeFileSync(input, JSON.stringify({ x: [[[1, 0, 0], [0, 1, 0]]] }));
    const ran = await runInProcess(['run', model, '--input', input]);
    expect(ran.stdout).toBe(shownOutput('rnnlab run anbn.onnx --input in.json'));
  });
});
