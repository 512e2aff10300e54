// The stacked families: rnn, lstm, gru (exactly nn.RNN / nn.LSTM / nn.GRU: layers, directions, dropout) and elman,
// which is an rnn of one layer whose head may also read the input (shortcut). Stack, then per-step head.
import type { Architecture } from '../../spec/types';
import { numDirections } from '../../spec/types';
import type { BackwardSeeds, ForwardOptions, ForwardPass, Gradients, Model, SequenceBatch } from '../types';
import type { CellKind } from './direction';
import { resolveDropoutMasks } from './dropout';
import { headBackward, headForward, headGrads, headParams, type HeadShape } from './head';
import { added, normsFromSquares, seedTimeMajor, toBatchFirst, toTimeMajor, zeroGradients } from './results';
import { stackBackward, stackFinalStates, stackForward, type StackShape } from './stack';
import { validateSeeds } from './validate';

/** The cell an architecture stacks: elman's SRN is PyTorch's RNN cell. */
export function cellOf(arch: Architecture): CellKind {
  if (arch === 'lstm' || arch === 'gru') return arch;
  if (arch === 'rnn' || arch === 'elman') return 'rnn';
  throw new Error(`cellOf: expected a stacked architecture (rnn, lstm, gru, elman), found '${arch}'`);
}

export function forwardStacked(model: Model, input: SequenceBatch, options: ForwardOptions): ForwardPass {
  const { spec, weights } = model;
  const B = input.batch;
  const T = input.steps;
  const H = spec.hidden_size;
  const D = numDirections(spec);
  const DH = D * H;
  const I = spec.input_size;
  const O = spec.output_size;
  const shape: StackShape = { cell: cellOf(spec.arch), f: spec.nonlinearity, B, T, H, I, L: spec.num_layers, D };
  const lstm = shape.cell === 'lstm';
  const stateSize = shape.L * D * B * H;

  const x = toTimeMajor(input.x, B, T, I);
  const h0 = input.h0 ?? new Float64Array(stateSize);
  const c0 = lstm ? (input.c0 ?? new Float64Array(stateSize)) : null;
  const masks = resolveDropoutMasks(spec, B, T, options)?.map((m) => toTimeMajor(m, B, T, DH)) ?? null;
  const trace = stackForward(shape, weights, x, h0, c0, masks);
  const top = trace.layers[shape.L - 1].out; // (T, B, D*H)

  const head = O > 0 ? headParams(weights) : null;
  const headShape: HeadShape = { F: DH, O, I, g: spec.output_activation };
  const yPre = head ? new Float64Array(T * B * O) : null; // time-major (T, B, O)
  const y = head ? new Float64Array(T * B * O) : null;
  if (head) headForward(yPre!, y!, top, x, head, headShape, T * B);

  function backward(seeds: BackwardSeeds): Gradients {
    validateSeeds(spec, B, T, seeds);
    const grads = zeroGradients(weights);
    const dOut = seedTimeMajor(seeds.dOutput, B, T, DH) ?? new Float64Array(T * B * DH);
    const dxHead = new Float64Array(T * B * I);
    if (head) {
      const dY = seedTimeMajor(seeds.dY, B, T, O);
      const dYPre = seedTimeMajor(seeds.dYPre, B, T, O);
      headBackward(dOut, dxHead, headGrads(grads), dY, dYPre, y!, top, x, head, headShape, T * B);
    }
    const r = stackBackward(shape, weights, trace, dOut, seeds.dhN ?? null, seeds.dcN ?? null, grads);
    return {
      params: grads,
      dx: toBatchFirst(added(r.dx, dxHead), T, B, I),
      dh0: r.dh0,
      dc0: r.dc0,
      dy0: null,
      timestepGradNorms: normsFromSquares(r.normsSq),
    };
  }

  return {
    y: y && toBatchFirst(y, T, B, O),
    yPre: yPre && toBatchFirst(yPre, T, B, O),
    output: toBatchFirst(top, T, B, DH),
    hN: stackFinalStates(shape, trace, 'hs'),
    cN: lstm ? stackFinalStates(shape, trace, 'cs') : null,
    layerStates: trace.layers.map((l) => toBatchFirst(l.out, T, B, DH)),
    layerCellStates: lstm ? trace.layers.map((l) => toBatchFirst(l.cellOut!, T, B, DH)) : null,
    backward,
  };
}
