// The gated (second-order) family: scan the gated cell over time, then the per-step head. h_0 is input.h0 when
// given, else the learned parameter `h0` (H, broadcast over the batch) when spec.learn_h0, else zeros.
import { gatedCellBackward, gatedCellForward } from './cells/gated';
import { headBackward, headForward, headGrads, headParams, type HeadShape } from './head';
import { sumOfSquares } from './linalg';
import { added, normsFromSquares, seedTimeMajor, toBatchFirst, toTimeMajor, zeroGradients } from './results';
import { validateSeeds } from './validate';
import type { BackwardSeeds, ForwardPass, Gradients, Model, SequenceBatch } from '../types';

export function forwardGated(model: Model, input: SequenceBatch): ForwardPass {
  const { spec, weights } = model;
  const B = input.batch;
  const T = input.steps;
  const H = spec.hidden_size;
  const K = spec.input_size;
  const O = spec.output_size;
  const BH = B * H;
  const w = weights['weight_hh'].data; // (K, H, H)
  const bias = weights['bias_hh']?.data ?? null; // (K, H)
  const learnedH0 = input.h0 === undefined && spec.learn_h0 ? weights['h0'].data : null;

  const x = toTimeMajor(input.x, B, T, K);
  const hs = new Float64Array((T + 1) * BH); // (T+1, B, H): slot 0 = h_0, slot t+1 = h_t
  if (input.h0) hs.set(input.h0);
  else if (learnedH0) for (let b = 0; b < B; b++) hs.set(learnedH0, b * H);
  for (let t = 0; t < T; t++) {
    const xt = x.subarray(t * B * K, (t + 1) * B * K);
    gatedCellForward(hs.subarray((t + 1) * BH, (t + 2) * BH), xt, hs.subarray(t * BH, (t + 1) * BH), w, bias, B, K, H);
  }
  const states = hs.subarray(BH); // (T, B, H)

  const head = O > 0 ? headParams(weights) : null;
  const headShape: HeadShape = { F: H, O, I: K, g: spec.output_activation };
  const yPre = head ? new Float64Array(T * B * O) : null;
  const y = head ? new Float64Array(T * B * O) : null;
  if (head) headForward(yPre!, y!, states, x, head, headShape, T * B);

  function backward(seeds: BackwardSeeds): Gradients {
    validateSeeds(spec, B, T, seeds);
    const grads = zeroGradients(weights);
    const dOut = seedTimeMajor(seeds.dOutput, B, T, H) ?? new Float64Array(T * BH);
    const dxHead = new Float64Array(T * B * K);
    if (head) {
      const dY = seedTimeMajor(seeds.dY, B, T, O);
      const dYPre = seedTimeMajor(seeds.dYPre, B, T, O);
      headBackward(dOut, dxHead, headGrads(grads), dY, dYPre, y!, states, x, head, headShape, T * B);
    }
    const dx = new Float64Array(T * B * K);
    const normsSq = new Float64Array(T);
    const dh = new Float64Array(BH);
    const dhCarry = new Float64Array(BH); // dL/dh_t through h_{t+1}
    if (seeds.dhN) dhCarry.set(seeds.dhN);
    const dpre = new Float64Array(BH);
    for (let t = T - 1; t >= 0; t--) {
      for (let n = 0; n < BH; n++) dh[n] = dhCarry[n] + dOut[t * BH + n];
      normsSq[t] = sumOfSquares(dh);
      dhCarry.fill(0);
      const xt = x.subarray(t * B * K, (t + 1) * B * K);
      const h = hs.subarray((t + 1) * BH, (t + 2) * BH);
      const hPrev = hs.subarray(t * BH, (t + 1) * BH);
      const dxT = dx.subarray(t * B * K, (t + 1) * B * K);
      gatedCellBackward(dxT, dhCarry, grads['weight_hh'], grads['bias_hh'] ?? null, dh, h, xt, hPrev, w, bias, B, K, H, dpre);
    }
    if (learnedH0) {
      const dH0 = grads['h0'];
      for (let b = 0; b < B; b++) for (let j = 0; j < H; j++) dH0[j] += dhCarry[b * H + j];
    }
    return {
      params: grads,
      dx: toBatchFirst(added(dx, dxHead), T, B, K),
      dh0: dhCarry,
      dc0: null,
      dy0: null,
      timestepGradNorms: normsFromSquares([normsSq]),
    };
  }

  return {
    y: y && toBatchFirst(y, T, B, O),
    yPre: yPre && toBatchFirst(yPre, T, B, O),
    output: toBatchFirst(states, T, B, H),
    hN: hs.slice(T * BH),
    cN: null,
    layerStates: [toBatchFirst(states, T, B, H)],
    layerCellStates: null,
    backward,
  };
}
