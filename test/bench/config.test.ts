// Validation of benchmark configurations: defaults filled in, bad values refused with one line.
import { describe, expect, it } from 'vitest';
import { benchSpec, parseBenchConfig } from '../../src-main/core/bench/config';
import { median } from '../../src-main/core/bench/timing';

const row = { arch: 'lstm', input_size: 4, hidden_size: 32, seq_len: 100, batch: 32 };

describe('parseBenchConfig', () => {
  it('fills in defaults and builds a one-output model', () => {
    const config = parseBenchConfig(row);
    expect(config).toMatchObject({ num_layers: 1, threads: 1, warmup: 5, repeat: 5, min_time: 1, bidirectional: false });
    expect(config.engine).toBeUndefined();
    const spec = benchSpec(config);
    expect(spec).toMatchObject({ arch: 'lstm', input_size: 4, hidden_size: 32, output_size: 1, dropout: 0 });
  });

  it.each([
    [{ ...row, batch: 0 }, 'invalid benchmark configuration: batch: expected a batch size from 1 to 100000, found 0'],
    [{ ...row, threads: 1.5 }, 'invalid benchmark configuration: threads: expected a thread count as a whole number, found 1.5'],
    [{ ...row, engine: 'gpu' }, 'invalid benchmark configuration: engine: expected native or reference, found "gpu"'],
    [{ ...row, hidden_size: 0 }, 'invalid model spec: hidden_size: expected a hidden size from 1 to 4096, found 0'],
    [{ ...row, arch: 'elman', num_layers: 2 }, 'invalid model spec: num_layers: elman networks have one layer, found 2'],
    [{ ...row, steps: 3 }, "invalid benchmark configuration: unknown field 'steps'"],
    [{ ...row, min_time: -1 }, 'invalid benchmark configuration: min_time: expected a time budget from 0 to 600 seconds, found -1'],
  ])('refuses %j', (value, message) => {
    expect(() => parseBenchConfig(value)).toThrow(message);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 100])).toBe(3.5);
    expect(() => median([])).toThrow('expected at least one value');
  });
});
