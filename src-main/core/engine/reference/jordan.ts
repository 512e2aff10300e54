// The Jordan network: the previous ACTIVATED output feeds the hidden layer, so the head sits inside the loop.
//   h_t = f(W_ih x_t + W_yh y_{t-1} + b),  y_t = g(V h_t + c),  y_0 = input.y0 or zeros
// Time-major inside; W_ih x_t + b for all steps is one matmul before the loop.
import { hiddenSlope, applyHidden } from './activations';
import { headBackward, headForward, headGrads, headParams, type HeadShape } from './head';
import { addColumnSums, addRowVector, gemmAB, gemmABt, gemmAtB, sumOfSquares } from './linalg';
import { normsFromSquares, seedTimeMajor, toBatchFirst, toTimeMajor, zeroGradients } from './results';
import { validateSeeds } from './validate';
import type { BackwardSeeds, ForwardPass, Gradients, Model, SequenceBatch } from '../types';

export function forwardJordan(model: Model, input: SequenceBatch): ForwardPass {
  const { spec, weights } = model;
  const B = input.batch;
  const T = input.steps;
  const H = spec.hidden_size;
  const I = spec.input_size;
  const O = spec.output_size;
  const f = spec.nonlinearity;
  const BH = B * H;
  const BO = B * O;
  const wIh = weights['weight_ih_l0'].data; // (H, I)
  const wYh = weights['weight_yh_l0'].data; // (H, O)
  const bias = weights['bias_l0']?.data ?? null; // (H)
  const head = headParams(weights);
  const headShape: HeadShape = { F: H, O, I, g: spec.output_activation };

  const x = toTimeMajor(input.x, B, T, I);
  const gx = new Float64Array(T * BH); // (T, B, H) = x · W_ih^T + b
  gemmABt(gx, x, wIh, T * B, H, I);
  if (bias) addRowVector(gx, bias, T * B, H);
  const hs = new Float64Array(T * BH); // (T, B, H)
  const ys = new Float64Array((T + 1) * BO); // (T+1, B, O): slot 0 = y0, slot t+1 = y_t
  if (input.y0) ys.set(input.y0);
  const yPre = new Float64Array(T * BO); // (T, B, O)
  for (let t = 0; t < T; t++) {
    const h = hs.subarray(t * BH, (t + 1) * BH);
    h.set(gx.subarray(t * BH, (t + 1) * BH));
    gemmABt(h, ys.subarray(t * BO, (t + 1) * BO), wYh, B, H, O);
    applyHidden(h, f);
    const xt = x.subarray(t * B * I, (t + 1) * B * I);
    headForward(yPre.subarray(t * BO, (t + 1) * BO), ys.subarray((t + 1) * BO, (t + 2) * BO), h, xt, head, headShape, B);
  }
  const y = ys.subarray(BO);

  function backward(seeds: BackwardSeeds): Gradients {
    validateSeeds(spec, B, T, seeds);
    const grads = zeroGradients(weights);
    const dWih = grads['weight_ih_l0'];
    const dWyh = grads['weight_yh_l0'];
    const dOut = seedTimeMajor(seeds.dOutput, B, T, H);
    const dY = seedTimeMajor(seeds.dY, B, T, O);
    const dYPre = seedTimeMajor(seeds.dYPre, B, T, O);
    const dx = new Float64Array(T * B * I);
    const dgx = new Float64Array(T * BH); // dL/d(pre-activation) at every step
    const normsSq = new Float64Array(T);
    const dh = new Float64Array(BH);
    const dy = new Float64Array(BO);
    const dyCarry = new Float64Array(BO); // dL/dy_{t} through the feedback into step t+1
    for (let t = T - 1; t >= 0; t--) {
      dh.fill(0);
      if (dOut) dh.set(dOut.subarray(t * BH, (t + 1) * BH));
      if (t === T - 1 && seeds.dhN) for (let i = 0; i < BH; i++) dh[i] += seeds.dhN[i];
      dy.set(dyCarry);
      if (dY) for (let i = 0; i < BO; i++) dy[i] += dY[t * BO + i];
      const h = hs.subarray(t * BH, (t + 1) * BH);
      const xt = x.subarray(t * B * I, (t + 1) * B * I);
      const dyPreT = dYPre ? dYPre.subarray(t * BO, (t + 1) * BO) : null;
      const yt = ys.subarray((t + 1) * BO, (t + 2) * BO);
      headBackward(dh, dx.subarray(t * B * I, (t + 1) * B * I), headGrads(grads), dy, dyPreT, yt, h, xt, head, headShape, B);
      normsSq[t] = sumOfSquares(dh);
      const dpre = dgx.subarray(t * BH, (t + 1) * BH);
      for (let i = 0; i < BH; i++) dpre[i] = dh[i] * hiddenSlope(h[i], f);
      const yPrev = ys.subarray(t * BO, (t + 1) * BO);
      gemmAtB(dWyh, dpre, yPrev, H, O, B);
      dyCarry.fill(0);
      gemmAB(dyCarry, dpre, wYh, B, O, H);
    }
    gemmAtB(dWih, dgx, x, H, I, T * B);
    if (bias) addColumnSums(grads['bias_l0'], dgx, T * B, H);
    gemmAB(dx, dgx, wIh, T * B, I, H);
    return {
      params: grads,
      dx: toBatchFirst(dx, T, B, I),
      dh0: new Float64Array(BH), // h_{t-1} never feeds h_t in a jordan network
      dc0: null,
      dy0: dyCarry,
      timestepGradNorms: normsFromSquares([normsSq]),
    };
  }

  return {
    y: toBatchFirst(y, T, B, O),
    yPre: toBatchFirst(yPre, T, B, O),
    output: toBatchFirst(hs, T, B, H),
    hN: hs.slice((T - 1) * BH),
    cN: null,
    layerStates: [toBatchFirst(hs, T, B, H)],
    layerCellStates: null,
    backward,
  };
}
