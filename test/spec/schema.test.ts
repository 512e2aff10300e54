// parseModelSpec: good specs of every family pass with defaults filled in; bad ones fail with one exact line.
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src-main/core/errors';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { ARCHITECTURES } from '../../src-main/core/spec/types';

const GOOD: Record<string, unknown>[] = [
  { arch: 'rnn', input_size: 1, hidden_size: 1 },
  { arch: 'rnn', input_size: 4096, hidden_size: 4096, num_layers: 16, nonlinearity: 'relu', bias: false, batch_first: false, dropout: 0.99, bidirectional: true },
  { arch: 'lstm', input_size: 4, hidden_size: 32, num_layers: 2, dropout: 0.2, output_size: 3, output_activation: 'softmax' },
  { arch: 'gru', input_size: 4, hidden_size: 32, bidirectional: true, output_size: 1, output_activation: 'sigmoid', init: { scheme: 'orthogonal', gain: 1.5 } },
  { arch: 'elman', input_size: 3, hidden_size: 8, output_size: 2, shortcut: true, nonlinearity: 'relu', init: { scheme: 'identity', spectral_radius: 1.1, seed: 4294967295 } },
  { arch: 'jordan', input_size: 3, hidden_size: 8, output_size: 2, init: { scheme: 'xavier' } },
  { arch: 'gated', input_size: 2, hidden_size: 5, learn_h0: true, init: { spectral_radius: 0.9 } },
];

describe('parseModelSpec accepts good specs', () => {
  it('covers all six families', () => {
    expect(new Set(GOOD.map((s) => s.arch))).toEqual(new Set(ARCHITECTURES));
  });
  for (const input of GOOD) {
    it(`${String(input.arch)} ${JSON.stringify(input).slice(0, 80)}`, () => {
      const spec = parseModelSpec(input);
      expect(spec).toMatchObject(input);
    });
  }

  it('fills in the documented defaults', () => {
    expect(parseModelSpec({ arch: 'lstm', input_size: 2, hidden_size: 3 })).toEqual({
      arch: 'lstm', input_size: 2, hidden_size: 3, num_layers: 1, nonlinearity: 'tanh', bias: true, batch_first: true,
      dropout: 0, bidirectional: false, output_size: 0, output_activation: 'none', shortcut: false, learn_h0: false,
      init: { scheme: 'pytorch', gain: 1, spectral_radius: null, seed: 0 },
    });
  });

  it('is idempotent: a parsed spec parses to itself', () => {
    for (const input of GOOD) {
      const once = parseModelSpec(input);
      expect(parseModelSpec(once)).toEqual(once);
    }
  });
});

const BASE = { arch: 'rnn', input_size: 2, hidden_size: 3 };
const P = 'invalid model spec: ';

/** [what, input, exact message] */
const BAD: [string, unknown, string][] = [
  ['no fields', {}, `${P}arch: expected one of elman, jordan, gated, rnn, lstm, gru; input_size: expected an input size as a number; hidden_size: expected a hidden size as a number`],
  ['unknown arch', { ...BASE, arch: 'transformer' }, `${P}arch: expected one of elman, jordan, gated, rnn, lstm, gru, found "transformer"`],
  ['input size 0', { ...BASE, input_size: 0 }, `${P}input_size: expected an input size from 1 to 4096, found 0`],
  ['input size too big', { ...BASE, input_size: 4097 }, `${P}input_size: expected an input size from 1 to 4096, found 4097`],
  ['fractional size', { ...BASE, input_size: 1.5 }, `${P}input_size: expected a whole number, found 1.5`],
  ['size as text', { ...BASE, input_size: '2' }, `${P}input_size: expected an input size as a number, found "2"`],
  ['negative hidden size', { ...BASE, hidden_size: -1 }, `${P}hidden_size: expected a hidden size from 1 to 4096, found -1`],
  ['zero layers', { ...BASE, num_layers: 0 }, `${P}num_layers: expected from 1 to 16 layers, found 0`],
  ['17 layers', { ...BASE, num_layers: 17 }, `${P}num_layers: expected from 1 to 16 layers, found 17`],
  ['unknown nonlinearity', { ...BASE, nonlinearity: 'sigmoid' }, `${P}nonlinearity: expected one of tanh, relu, found "sigmoid"`],
  ['bias as text', { ...BASE, bias: 'yes' }, `${P}bias: expected true or false, found "yes"`],
  ['dropout 1', { ...BASE, num_layers: 2, dropout: 1 }, `${P}dropout: expected a dropout probability in [0, 1), found 1`],
  ['negative dropout', { ...BASE, num_layers: 2, dropout: -0.1 }, `${P}dropout: expected a dropout probability in [0, 1), found -0.1`],
  ['negative output size', { ...BASE, output_size: -1 }, `${P}output_size: expected an output size from 0 to 4096, found -1`],
  ['unknown output activation', { ...BASE, output_size: 1, output_activation: 'relu' }, `${P}output_activation: expected one of none, sigmoid, softmax, found "relu"`],
  ['one unknown field', { ...BASE, foo: 1 }, `${P}unknown field 'foo'`],
  ['two unknown fields', { ...BASE, foo: 1, bar: 2 }, `${P}unknown fields 'foo', 'bar'`],
  ['unknown init field', { ...BASE, init: { extra: 1 } }, `${P}unknown field 'extra' in init`],
  ['unknown scheme', { ...BASE, init: { scheme: 'he' } }, `${P}init.scheme: expected one of pytorch, xavier, orthogonal, identity, found "he"`],
  ['zero gain', { ...BASE, init: { gain: 0 } }, `${P}init.gain: expected a gain as a finite number above 0, found 0`],
  ['negative spectral radius', { ...BASE, init: { spectral_radius: -1 } }, `${P}init.spectral_radius: expected a spectral radius as a finite number above 0, found -1`],
  ['negative seed', { ...BASE, init: { seed: -1 } }, `${P}init.seed: expected a seed from 0 to 4294967295, found -1`],
  ['seed 2^32', { ...BASE, init: { seed: 2 ** 32 } }, `${P}init.seed: expected a seed from 0 to 4294967295, found 4294967296`],
  ['fractional seed', { ...BASE, init: { seed: 1.5 } }, `${P}init.seed: expected a whole-number seed, found 1.5`],
  ['three problems at once', { ...BASE, input_size: 0, hidden_size: 0, num_layers: 0, bias: 1 }, `${P}input_size: expected an input size from 1 to 4096, found 0; hidden_size: expected a hidden size from 1 to 4096, found 0; num_layers: expected from 1 to 16 layers, found 0`],
  // Cross-field rules.
  ['stacked elman', { ...BASE, arch: 'elman', num_layers: 2 }, `${P}num_layers: elman networks have one layer, found 2`],
  ['bidirectional gated', { ...BASE, arch: 'gated', bidirectional: true }, `${P}bidirectional: gated networks run forward only`],
  ['dropout with one layer', { ...BASE, dropout: 0.5 }, `${P}dropout: applies between stacked layers, so it needs num_layers >= 2, found num_layers = 1`],
  ['relu lstm', { ...BASE, arch: 'lstm', nonlinearity: 'relu' }, `${P}nonlinearity: lstm has fixed tanh/sigmoid gates, found 'relu'`],
  ['relu gated', { ...BASE, arch: 'gated', nonlinearity: 'relu' }, `${P}nonlinearity: gated has fixed tanh/sigmoid gates, found 'relu'`],
  ['jordan without output', { ...BASE, arch: 'jordan' }, `${P}output_size: a jordan network feeds its output back, so it needs output_size >= 1`],
  ['shortcut on rnn', { ...BASE, output_size: 1, shortcut: true }, `${P}shortcut: only elman networks have an input-to-output shortcut, found arch 'rnn'`],
  ['shortcut without output', { ...BASE, arch: 'elman', shortcut: true }, `${P}shortcut: needs an output layer (output_size >= 1)`],
  ['learn_h0 on rnn', { ...BASE, learn_h0: true }, `${P}learn_h0: only gated networks learn their initial state, found arch 'rnn'`],
  ['activation without head', { ...BASE, output_activation: 'softmax' }, `${P}output_activation: 'softmax' needs an output layer (output_size >= 1)`],
  ['spectral radius on jordan', { ...BASE, arch: 'jordan', output_size: 1, init: { spectral_radius: 1 } }, `${P}init.spectral_radius: a jordan network has no square recurrent matrix to rescale`],
  ['identity on jordan', { ...BASE, arch: 'jordan', output_size: 1, init: { scheme: 'identity' } }, `${P}init.scheme: 'identity' needs a square recurrent matrix, which a jordan network lacks`],
];

describe('parseModelSpec rejects bad specs with one exact line', () => {
  for (const [what, input, message] of BAD) {
    it(what, () => {
      expect(() => parseModelSpec(input)).toThrow(SpecError);
      try {
        parseModelSpec(input);
      } catch (error) {
        expect((error as Error).message).toBe(message);
      }
    });
  }

  it('something that is not an object at all is a SpecError naming what was found', () => {
    for (const [input, found] of [[null, 'null'], [5, '5'], [[], '[]']] as const) {
      expect(() => parseModelSpec(input)).toThrow(SpecError);
      expect(() => parseModelSpec(input)).toThrow(new RegExp(`^invalid model spec: value: .*found ${found.replace(/[[\]]/g, '\\$&')}$`));
    }
  });
});
