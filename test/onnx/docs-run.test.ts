// docs/onnx.md's `rnnlab run` session is real output: the --describe block is what the command prints for the
// anbn-lstm example, and the run of in.json has the outputs and shapes the page shows (values change on retraining).
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

function shapeOf(value: unknown): number[] {
  return Array.isArray(value) ? [value.length, ...shapeOf(value[0])] : [];
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
    // The example's weights are retrained now and then: the outputs and their shapes must be the page's.
    const shown = JSON.parse(shownOutput('rnnlab run anbn.onnx --input in.json'));
    const printed = JSON.parse(ran.stdout);
    expect(Object.keys(shown)).toEqual(Object.keys(printed));
    for (const key of Object.keys(printed)) expect(shapeOf(shown[key]), key).toEqual(shapeOf(printed[key]));
  });
});
