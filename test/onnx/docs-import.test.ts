// docs/onnx.md's import section shows real output: its refusal line is what `rnnlab import` prints for the Conv
// fixture, and a PyTorch LSTM fixture imports with the summary lines the section describes.
import { copyFileSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInProcess, scratchFolder } from '../cli/cli-helpers';

const scratch = scratchFolder();
const doc = readFileSync(new URL('../../docs/onnx.md', import.meta.url), 'utf8');
const section = doc.slice(doc.indexOf('## `rnnlab import'), doc.indexOf('## `rnnlab run'));
const fixture = (name: string) => new URL(`../fixtures/onnx-torch/${name}`, import.meta.url);

describe('docs/onnx.md import section', () => {
  it('quotes the refusal of a Conv model exactly', async () => {
    const quoted = /`(rnnlab: conv\.onnx: unsupported: [^`]+)`/.exec(section)?.[1];
    expect(quoted).toBeDefined();
    const path = scratch.file('conv.onnx');
    copyFileSync(fixture('unsupported_conv.onnx'), path);
    const result = await runInProcess(['import', path, '-o', scratch.file('conv.rnnlab')]);
    expect(result.code).toBe(1);
    expect(result.stderr.replace(path, 'conv.onnx')).toBe(`${quoted}\n`);
  });

  it('describes the two summary lines an import prints', async () => {
    const result = await runInProcess(['import', fixture('lstm_head_op17.onnx').pathname, '-o', scratch.file('lstm.rnnlab')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^created .*lstm\.rnnlab from an ONNX graph \(opset 17\): lstm, .*\n {2}inputs: x; outputs: .+\n$/);
    expect(section).toMatch(/created lstm\.rnnlab from an ONNX graph \(opset 17\): lstm, .*\n {2}inputs: x; outputs: y, h_n, c_n/);
  });
});
