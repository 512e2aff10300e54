// Adam with PyTorch's update order (torch.optim.Adam, single-tensor path, weight decay added to the gradient):
//   t += 1;  g = g + wd * p;  m = b1 * m + (1 - b1) * g;  v = b2 * v + (1 - b2) * g * g;
//   vmax = max(vmax, v) (amsgrad);  p = p - lr / (1 - b1^t) * m / (sqrt(v or vmax) / sqrt(1 - b2^t) + eps).
import type { Weights } from '../../tensor';
import { forEachParam, paramState, stateBuffer, stateCounter } from './params';
import { decodeState, encodeState, type ParamState } from './state-codec';
import type { AdamOptions, NamedGrads, Optimizer, OptimizerState } from './types';

export const ADAM_DEFAULTS: AdamOptions = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 0, amsgrad: false };

export class Adam implements Optimizer {
  readonly kind = 'adam';
  private readonly options: AdamOptions;
  private live = new Map<string, ParamState>();

  constructor(options: Partial<AdamOptions> = {}) {
    this.options = { ...ADAM_DEFAULTS, ...options };
  }

  step(weights: Weights, grads: NamedGrads, lr: number): void {
    const { beta1, beta2, eps, weight_decay: wd, amsgrad } = this.options;
    forEachParam(weights, grads, lr, (name, p, g) => {
      const state = paramState(this.live, name);
      const step = stateCounter(state, 'step') + 1;
      const m = stateBuffer(state, 'exp_avg', name, p.length, true);
      const v = stateBuffer(state, 'exp_avg_sq', name, p.length, true);
      const vMax = amsgrad ? stateBuffer(state, 'max_exp_avg_sq', name, p.length, true) : undefined;
      const stepSize = lr / (1 - beta1 ** step);
      const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** step);
      return () => {
        state.step = step;
        for (let i = 0; i < p.length; i++) {
          const gi = wd !== 0 ? g[i] + wd * p[i] : g[i];
          m[i] = m[i] * beta1 + (1 - beta1) * gi;
          v[i] = v[i] * beta2 + (1 - beta2) * gi * gi;
          let second = v[i];
          if (vMax !== undefined) {
            vMax[i] = Math.max(vMax[i], v[i]);
            second = vMax[i];
          }
          const denom = Math.sqrt(second) / biasCorrection2Sqrt + eps;
          p[i] = p[i] + -stepSize * (m[i] / denom);
        }
      };
    });
  }

  getState(): OptimizerState {
    return encodeState(this.kind, this.live);
  }

  setState(state: unknown): void {
    this.live = decodeState(this.kind, state, {
      step: 'counter',
      exp_avg: 'buffer',
      exp_avg_sq: 'buffer',
      max_exp_avg_sq: 'buffer',
    });
  }
}
