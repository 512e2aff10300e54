// The native engine's thread choice: one thread for the small models of the lab, more only when each slice gets
// enough work, never more than the caller allows or than batch rows allow.
import { describe, expect, it } from 'vitest';
import { chooseThreads, defaultThreadLimit } from '../../src-main/core/engine/native/threads';
import { parseModelSpec } from '../../src-main/core/spec/schema';

const spec = (arch: string, I: number, H: number, L = 1) =>
  parseModelSpec({ arch, input_size: I, hidden_size: H, num_layers: L, output_size: 1 });

describe('chooseThreads', () => {
  it.each([
    ['rnn', 1, 8, 1, 50, 16],
    ['rnn', 4, 32, 1, 100, 32],
    ['lstm', 4, 32, 1, 100, 32],
    ['gru', 4, 32, 1, 100, 32],
  ])('%s %i/%i keeps the small benchmark rows on one thread even when 8 are allowed', (arch, I, H, L, T, B) => {
    expect(chooseThreads(spec(arch as string, I as number, H as number, L as number), B as number, T as number, 8)).toBe(1);
  });

  it.each([
    ['rnn', 32, 128, 2, 100, 32],
    ['rnn', 64, 512, 1, 100, 64],
    ['lstm', 64, 256, 1, 100, 64],
  ])('%s %i/%i uses the two threads allowed', (arch, I, H, L, T, B) => {
    expect(chooseThreads(spec(arch as string, I as number, H as number, L as number), B as number, T as number, 2)).toBe(2);
  });

  it('never exceeds the limit or a slice of 4 rows, and never goes below 1', () => {
    const big = spec('lstm', 64, 512);
    expect(chooseThreads(big, 64, 100, 1)).toBe(1);
    expect(chooseThreads(big, 8, 1000, 16)).toBe(2);
    expect(chooseThreads(big, 64, 100, 0)).toBe(1);
    expect(chooseThreads(big, 64, 100, 3.7)).toBe(3);
    expect(chooseThreads(big, 1024, 100)).toBe(Math.min(defaultThreadLimit(), 256));
  });
});
