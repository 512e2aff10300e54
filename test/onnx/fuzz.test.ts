// Fuzzing `rnnlab run` with damaged copies of a valid exported model: every truncation length in a sweep and
// seeded random byte flips. Each must either run or fail with one LabError line (never another error, never hang);
// a few go through the real CLI bundle to check the exit code and that no stack trace is printed.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LabError } from '../../src-main/core/errors';
import { encodeModel } from '../../src-main/core/onnx/codec';
import { buildOnnxModel } from '../../src-main/core/onnx/export/build-model';
import { sharedOnnxRuntime } from '../../src-main/core/onnx/runtime/client';
import { oneLineMessage } from '../../src-main/core/onnx/runtime/messages';
import { runOnnxModel } from '../../src-main/core/onnx/runtime/run-model';
import { Random } from '../../src-main/core/random';
import { requireBuiltCli, scratchFolder, spawnCli, writeJson } from '../cli/cli-helpers';
import { randomModel } from '../helpers/random-model';

requireBuiltCli();
const files = scratchFolder();
afterAll(() => sharedOnnxRuntime().close());

const model = randomModel({ arch: 'lstm', num_layers: 2, output_size: 2 }, 11);
const VALID = encodeModel(buildOnnxModel({ name: 'fuzz', ...model }));
const INPUT = { x: [[[0.1, -0.2, 0.3], [0.5, 0.1, -0.4]]] };

type Outcome = 'ran' | 'refused';

async function outcome(bytes: Uint8Array): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer within 20 s')), 20_000);
  });
  try {
    await Promise.race([runOnnxModel(bytes, INPUT, 'fuzzed.onnx'), hang]);
    return 'ran';
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(LabError);
    expect((error as Error).message).not.toMatch(/\n/);
    return 'refused';
  } finally {
    clearTimeout(timer);
  }
}

describe('damaged models', () => {
  it('every truncation is refused with one line', async () => {
    const lengths = [0, 1, 2, 5, 10, ...Array.from({ length: 30 }, (_, i) => Math.floor(((i + 1) * VALID.length) / 31)), VALID.length - 1];
    for (const n of lengths) expect(await outcome(VALID.subarray(0, n)), `length ${n}`).toBe('refused');
  });
  it('random byte flips run or are refused with one line', async () => {
    const rng = new Random(2024);
    const counts: Record<Outcome, number> = { ran: 0, refused: 0 };
    for (let trial = 0; trial < 60; trial++) {
      const bytes = Uint8Array.from(VALID);
      const flips = rng.int(1, 4);
      for (let f = 0; f < flips; f++) bytes[rng.int(0, bytes.length - 1)] = rng.int(0, 255);
      counts[await outcome(bytes)]++;
    }
    expect(counts.ran + counts.refused).toBe(60);
    expect(counts.refused).toBeGreaterThan(0);
  });
});

describe('damaged models through the CLI bundle', () => {
  it.each([
    ['truncated', VALID.subarray(0, VALID.length >> 1)],
    ['empty', new Uint8Array(0)],
    ['foreign (JSON)', new TextEncoder().encode('{"not": "onnx"}')],
  ])('%s: exit 1, one stderr line, no stack trace', (label, bytes) => {
    const path = files.file(`${label}.onnx`);
    writeFileSync(path, bytes);
    const r = spawnCli(['run', path, '--input', writeJson(files.file('in.json'), INPUT)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^rnnlab: .*expected an ONNX model.*\n$/);
    expect(r.stderr).not.toMatch(/\n./);
  });
});

describe("onnxruntime's messages", () => {
  it('lose the C++ location and signature, control characters and newlines', () => {
    const raw =
      "Exception during initialization: /onnxruntime_src/onnxruntime/core/providers/cpu/rnn/rnn_helpers.h:45 " +
      "onnxruntime::rnn::detail::Direction onnxruntime::rnn::detail::MakeDirection(const std::string&) Invalid 'direction' argument of 'fo\u0007rd'.\n  more";
    expect(oneLineMessage(new Error(raw))).toBe("Exception during initialization: Invalid 'direction' argument of 'fo?rd'. more");
    expect(oneLineMessage('x'.repeat(400))).toHaveLength(300);
    expect(oneLineMessage(new Error(' \n '))).toBe('unknown error');
  });
});
