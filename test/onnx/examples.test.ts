// Every example project exported by the CLI (the first through the real bundle): `rnnlab export` (with its onnxruntime check),
// onnx.checker (all files in one python call), then `rnnlab run` on the exported file against `rnnlab eval` of the project on the same input
// (onnxruntime float32 vs the engine, 1e-4), and the alphabet of one-hot tasks in the metadata.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeModel, metadataValue } from '../../src-main/core/onnx/codec';
import { sharedOnnxRuntime } from '../../src-main/core/onnx/runtime/client';
import { Random } from '../../src-main/core/random';
import { ROOT, requireBuiltCli, runInProcess, scratchFolder, spawnCli, writeJson } from '../cli/cli-helpers';
import { pythonOnnxMissing, runPython } from './python';

requireBuiltCli();
const files = scratchFolder();
const EXAMPLES = join(ROOT, 'resources/examples');
const projects = readdirSync(EXAMPLES).filter((f) => f.endsWith('.rnnlab')).sort();
const exportedFiles: string[] = [];
afterAll(() => sharedOnnxRuntime().close());

function maxDifference(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length).toBe(b.length);
    return Math.max(0, ...a.map((v, i) => maxDifference(v, b[i])));
  }
  return Math.abs((a as number) - (b as number)) / Math.max(1, Math.abs(b as number));
}

describe.each(projects)('%s', (name) => {
  it('exports, passes onnx.checker, and runs like rnnlab eval', async () => {
    // The first example goes through the real bundle (worker entry included), the rest in-process (same commands).
    const cli = name === projects[0] ? async (args: string[]) => spawnCli(args) : runInProcess;
    const project = JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8'));
    const inputSize: number = project.model.input_size;
    const onnx = files.file(`${name}.onnx`);
    const exported = await cli(['export', join(EXAMPLES, name), '-o', onnx]);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toMatch(/checked in onnxruntime against the (native|reference) engine\n$/);
    exportedFiles.push(onnx);

    const rng = new Random(name.length);
    const x = Array.from({ length: 2 }, () => Array.from({ length: 6 }, () => Array.from(rng.uniformArray(inputSize, 0, 1))));
    const input = writeJson(files.file(`${name}.in.json`), { x });
    const ran = await cli(['run', onnx, '--input', input]);
    const evaluated = await cli(['eval', join(EXAMPLES, name), '--input', input]);
    expect(ran.stderr).toBe('');
    const got = JSON.parse(ran.stdout);
    const want = JSON.parse(evaluated.stdout);
    const key = 'y' in want ? 'y' : 'output';
    expect(maxDifference(got[key], want[key])).toBeLessThan(1e-4);
    expect(maxDifference(got.h_n, want.h_n)).toBeLessThan(1e-4);

    const model = decodeModel(readFileSync(onnx));
    expect(metadataValue(model, 'project')).toBe(project.name);
    expect(metadataValue(model, 'architecture')).toBe(JSON.parse(metadataValue(model, 'rnnlab.spec')!).arch);
    const alphabet = metadataValue(model, 'alphabet');
    if (alphabet !== undefined) expect(JSON.parse(alphabet)).toHaveLength(inputSize);
  });
});

it.skipIf(pythonOnnxMissing)(`onnx.checker accepts every exported example${pythonOnnxMissing ? ` (skipped: ${pythonOnnxMissing})` : ''}`, () => {
  expect(exportedFiles).toHaveLength(projects.length);
  const script = 'import onnx,sys\nfor p in sys.argv[1:]: onnx.checker.check_model(onnx.load(p), full_check=True)\nprint(len(sys.argv) - 1)';
  expect(runPython(script, exportedFiles).trim()).toBe(String(projects.length));
});

it('the one-hot examples carry their alphabet', () => {
  const reber = decodeModel(readFileSync(files.file('reber-gru.rnnlab.onnx')));
  expect(JSON.parse(metadataValue(reber, 'alphabet')!)).toEqual(['B', 'T', 'S', 'X', 'P', 'V', 'E']);
});
