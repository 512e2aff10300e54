// The largest model of each family that the limits allow (MAX_PARAMETERS weights) saves and opens again with every
// weight intact, and one weight more is refused in one line. Before the base64 check became a loop, any tensor
// above ~838,000 values was written but could not be opened ("Maximum call stack size exceeded").
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject, MAX_PARAMETERS, newProject, parseProject, saveProject } from '../../src-main/core/project/index';
import { parameterCount } from '../../src-main/core/spec/params';
import { LIMITS, parseModelSpec } from '../../src-main/core/spec/schema';
import type { ModelSpec } from '../../src-main/core/spec/types';
import { useTempFolder } from './helpers';

const tempFolder = useTempFolder();

/** Other settings of each family's largest model; the hidden size is the largest that fits (found by bisection). */
const BASES: Record<string, Record<string, unknown>> = {
  rnn: { arch: 'rnn', input_size: 2, output_size: 1 },
  lstm: { arch: 'lstm', input_size: 2, output_size: 1 },
  gru: { arch: 'gru', input_size: 2, output_size: 1 },
  elman: { arch: 'elman', input_size: 2, output_size: 1 },
  jordan: { arch: 'jordan', input_size: LIMITS.size, output_size: LIMITS.size },
  gated: { arch: 'gated', input_size: 2, output_size: 1 },
};

const spec = (base: Record<string, unknown>, hidden: number): ModelSpec => parseModelSpec({ ...base, hidden_size: hidden });

function largestHidden(base: Record<string, unknown>): number {
  let lo = 1;
  let hi = LIMITS.size;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (parameterCount(spec(base, mid)) <= MAX_PARAMETERS) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

describe(`the largest model of each family (at most ${MAX_PARAMETERS} weights)`, () => {
  for (const [family, base] of Object.entries(BASES)) {
    it(`${family}: saves, opens again with identical weights, and one size larger is refused`, async () => {
      const hidden = largestHidden(base);
      const big = spec(base, hidden);
      expect(parameterCount(big)).toBeGreaterThan(MAX_PARAMETERS * 0.99);
      const project = newProject(`largest ${family}`, big);
      const path = join(tempFolder(), `${family}.rnnlab`);
      await saveProject(path, project);
      const back = await loadProject(path);
      for (const [name, tensor] of Object.entries(project.weights)) {
        const data = back.weights[name].data;
        expect(data.length).toBe(tensor.data.length);
        let same = true;
        for (let i = 0; i < data.length; i++) if (data[i] !== Math.fround(tensor.data[i])) same = false;
        expect(same, name).toBe(true);
      }
      if (hidden < LIMITS.size) {
        const count = parameterCount(spec(base, hidden + 1)).toLocaleString('en-US');
        expect(() => newProject('too big', spec(base, hidden + 1))).toThrow(`model: expected a model of at most 8,388,608 weights (a project file must stay openable), found ${count}; use fewer units or layers`);
      }
    }, 120_000);
  }

  it('a file naming a model over the cap is refused before its weights are read', () => {
    const text = JSON.stringify({ format: 'rnnlab-project', version: 1, name: 'x', created: '2026-01-31T12:00:00.000Z', modified: '2026-01-31T12:00:00.000Z', model: { arch: 'lstm', input_size: 4096, hidden_size: 4096, num_layers: 16 }, weights: {}, task: null, training: null, history: null });
    expect(() => parseProject(text, 'huge.rnnlab')).toThrow(/^huge\.rnnlab: model: expected a model of at most 8,388,608 weights .* found 2,148,007,936; use fewer units or layers$/);
  });
});
