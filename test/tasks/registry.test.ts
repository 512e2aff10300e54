// The registry over every task: lookup, determinism (same seed identical, other seed different), consistent
// sizes and masks in every split, alphabets that match one-hot sizes, and loss/activation pairs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { generateTask, getTask, listTasks } from '../../src-main/core/tasks/index';
import type { TaskData } from '../../src-main/core/tasks/types';

const CSV = ['t,v,w', ...Array.from({ length: 120 }, (_, i) => `${i},${Math.sin(i / 5).toFixed(4)},${(i % 7) / 7}`)].join('\n');

/** Small parameters per task so the whole table runs in well under a second. */
const SMALL: Record<string, Record<string, unknown>> = {
  tomita: { grammar: 6, trainSize: 40, validationSize: 10, testSize: 10 },
  anbn: { trainSize: 20, testMaxN: 14 },
  anbncn: { trainSize: 20, testMaxN: 12 },
  reber: { trainSize: 30, validationSize: 10, testSize: 10 },
  adding: { length: 12, trainSize: 30, validationSize: 10, testSize: 10 },
  'temporal-xor': { length: 12, trainSize: 10, validationSize: 3, testSize: 3 },
  sine: { length: 300, window: 20 },
  'mackey-glass': { length: 300, window: 20, transient: 50 },
  csv: { csv: CSV, targets: ['v'], window: 8 },
  text: { text: 'the cat sat on the mat. '.repeat(30), window: 20 },
  cloze: { trainSize: 30, validationSize: 10, testSize: 10 },
};

const PAIRS: Record<string, string> = { mse: 'none', bce: 'sigmoid', ce: 'softmax' };

function splitsOf(data: TaskData) {
  return { train: data.train, validation: data.validation, test: data.test };
}

describe('task registry', () => {
  it('lists every task once and refuses unknown ids naming the known ones', () => {
    const ids = listTasks().map((t) => t.id);
    expect(ids.sort()).toEqual(Object.keys(SMALL).sort());
    for (const t of listTasks()) expect(t.description.length).toBeGreaterThan(100);
    expect(() => getTask('tomato')).toThrow(
      "unknown task 'tomato': expected one of tomita, anbn, anbncn, reber, adding, temporal-xor, sine, mackey-glass, csv, text, cloze",
    );
    expect(() => generateTask('adding', {}, -1)).toThrow('adding: expected a seed from 0 to 4294967295, found -1');
    expect(() => generateTask('adding', { length: 'long' }, 1)).toThrow('adding parameters: length: expected a sequence length T as a number, found "long"');
  });

  it.each(Object.keys(SMALL))('%s: same seed gives identical data, another seed different data', (id) => {
    const a = generateTask(id, SMALL[id], 7);
    const b = generateTask(id, SMALL[id], 7);
    const c = generateTask(id, SMALL[id], 8);
    expect(b).toEqual(a);
    expect(c.train).not.toEqual(a.train);
  });

  it.each(Object.keys(SMALL))('%s: every sequence has consistent sizes and at least one scored step', (id) => {
    const data = generateTask(id, SMALL[id], 3);
    expect(data.task).toBe(id);
    expect(PAIRS[data.loss]).toBe(data.outputActivation);
    if (data.alphabet) expect(data.alphabet.length).toBe(data.inputSize);
    if (data.outputAlphabet) expect(data.outputAlphabet.length).toBe(data.outputSize);
    for (const [name, split] of Object.entries(splitsOf(data))) {
      expect([id, name, split.length > 0]).toEqual([id, name, true]);
      for (const s of split) {
        expect(s.length).toBeGreaterThanOrEqual(1);
        expect(s.x.length).toBe(s.length * data.inputSize);
        expect(s.target.length).toBe(s.length * data.outputSize);
        expect(s.targetMask.length).toBe(s.length);
        expect(s.targetMask.some((m) => m === 1)).toBe(true);
        if (data.targetMode === 'last') expect(s.targetMask[s.length - 1]).toBe(1);
        expect(s.x.every(Number.isFinite) && s.target.every(Number.isFinite)).toBe(true);
      }
    }
    // Perfect predictions (the targets themselves) score as perfect on the task's own metric.
    const metrics = getTask(id).evaluate(data.test.map((s) => s.target.slice()), data.test);
    expect(metrics.primary.value).toBe(metrics.primary.higherIsBetter ? 1 : 0);
  });
});

describe('docs/tasks.md', () => {
  const doc = readFileSync(new URL('../../docs/tasks.md', import.meta.url), 'utf8');

  it.each(Object.keys(SMALL))('%s: its id and every parameter are documented', (id) => {
    expect(doc).toContain(`\`${id}\``);
    const shape = (getTask(id).paramsSchema as z.ZodObject).shape;
    const missing = Object.keys(shape).filter((name) => !doc.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('states the defaults the schemas fill in', () => {
    expect(getTask('csv').parseParams({ csv: 'a\n1', targets: ['a'] })).toMatchObject({ window: 20, stride: 1, horizon: 1 });
    expect(getTask('sine').parseParams({})).toMatchObject({ window: 50, stride: 10, frequencies: [0.02, 0.05], amplitudes: [1, 0.5] });
    expect(getTask('tomita').parseParams({})).toMatchObject({ grammar: 4, trainMaxLength: 10, testMinLength: 11, testMaxLength: 20 });
    expect(getTask('anbn').parseParams({})).toMatchObject({ trainMinN: 1, trainMaxN: 10, testMaxN: 50 });
    expect(getTask('mackey-glass').parseParams({})).toMatchObject({ tau: 17, dt: 0.1, beta: 0.2, gamma: 0.1, exponent: 10 });
  });
});
