// Analytic operation counts of one benchmark step, from the matrix products alone (elementwise gate math, the
// loss and the SGD update are not counted; they are O(B*T*G*H), not O(B*T*G*H*K)).
//
// Forward multiply-adds per sample and time step, summed over layers l and directions d (G gates, D directions):
//   rnn/lstm/gru   G*H*(In_l + H)   with In_0 = I, In_l = D*H for l > 0   (input projection + recurrent product)
//   elman          H*(I + H)  (+ O*I with the shortcut)
//   jordan         H*(I + O)          (output feedback instead of a recurrent matrix)
//   gated          I*H*H              (sum_k x_k W_k h: one H x H product per input symbol, dense x)
//   head           O*D*H
// Backward: every forward product A*W has two backward products of the same size, dA = dZ*W and dW = dZ^T*A,
// so backward = 2 x forward, less the input gradient of layer 0 (dx), which the benchmarked step does not compute
// (it asks backward for no dx, and PyTorch skips it when x needs no gradient); jordan and gated compute it anyway.
// FLOPs = 2 x multiply-adds. Hence forward_flops = 2*B*T*m and train_step_flops = 6*B*T*m - 2*B*T*m_dx.
import { gateCount, numDirections, type ModelSpec } from '../spec/types';

/** Forward multiply-adds of one sample at one time step (the `m` of the header). */
export function forwardMacsPerStep(spec: ModelSpec): number {
  const { input_size: I, hidden_size: H, output_size: O } = spec;
  const D = numDirections(spec);
  let macs = 0;
  switch (spec.arch) {
    case 'rnn':
    case 'lstm':
    case 'gru': {
      const G = gateCount(spec.arch);
      for (let l = 0; l < spec.num_layers; l++) macs += D * G * H * ((l === 0 ? I : D * H) + H);
      break;
    }
    case 'elman':
      macs += H * (I + H) + (spec.shortcut ? O * I : 0);
      break;
    case 'jordan':
      macs += H * (I + O);
      break;
    case 'gated':
      macs += I * H * H;
      break;
  }
  return macs + O * D * H;
}

/** Multiply-adds of layer 0's input gradient per sample and step that a step without dx skips (the `m_dx`). */
export function inputGradientMacsPerStep(spec: ModelSpec): number {
  const { input_size: I, hidden_size: H, output_size: O } = spec;
  switch (spec.arch) {
    case 'rnn':
    case 'lstm':
    case 'gru':
      return numDirections(spec) * gateCount(spec.arch) * H * I;
    case 'elman':
      return H * I + (spec.shortcut ? O * I : 0);
    default:
      return 0; // jordan and gated compute dx whatever the caller asks
  }
}

export interface StepFlops {
  forward_flops: number;
  train_step_flops: number;
}

export function stepFlops(spec: ModelSpec, batch: number, steps: number): StepFlops {
  const forwardMacs = batch * steps * forwardMacsPerStep(spec);
  const dxMacs = batch * steps * inputGradientMacsPerStep(spec);
  return { forward_flops: 2 * forwardMacs, train_step_flops: 6 * forwardMacs - 2 * dxMacs };
}
