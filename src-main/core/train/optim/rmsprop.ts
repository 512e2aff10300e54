// RMSprop with PyTorch's update order (torch.optim.RMSprop, single-tensor path):
//   g = g + wd * p;  s = a * s + (1 - a) * g * g;  centered: ga = a * ga + (1 - a) * g, avg = sqrt(s - ga^2) + eps,
//   else avg = sqrt(s) + eps;  momentum: buf = mu * buf + g / avg, p = p - lr * buf;  else p = p - lr * g / avg.
import type { Weights } from '../../tensor';
import { forEachParam, paramState, stateBuffer, stateCounter } from './params';
import { decodeState, encodeState, type ParamState } from './state-codec';
import type { NamedGrads, Optimizer, OptimizerState, RmspropOptions } from './types';

export const RMSPROP_DEFAULTS: RmspropOptions = { alpha: 0.99, eps: 1e-8, momentum: 0, centered: false, weight_decay: 0 };

export class Rmsprop implements Optimizer {
  readonly kind = 'rmsprop';
  private readonly options: RmspropOptions;
  private live = new Map<string, ParamState>();

  constructor(options: Partial<RmspropOptions> = {}) {
    this.options = { ...RMSPROP_DEFAULTS, ...options };
  }

  step(weights: Weights, grads: NamedGrads, lr: number): void {
    const { alpha, eps, momentum, centered, weight_decay: wd } = this.options;
    forEachParam(weights, grads, lr, (name, p, g) => {
      const state = paramState(this.live, name);
      const squareAvg = stateBuffer(state, 'square_avg', name, p.length, true);
      const gradAvg = centered ? stateBuffer(state, 'grad_avg', name, p.length, true) : undefined;
      const buf = momentum > 0 ? stateBuffer(state, 'momentum_buffer', name, p.length, true) : undefined;
      return () => {
        state.step = stateCounter(state, 'step') + 1; // kept like torch's state; the update does not use it
        for (let i = 0; i < p.length; i++) {
          const gi = wd !== 0 ? g[i] + wd * p[i] : g[i];
          squareAvg[i] = squareAvg[i] * alpha + (1 - alpha) * gi * gi;
          let variance = squareAvg[i];
          if (gradAvg !== undefined) {
            gradAvg[i] = gradAvg[i] * alpha + (1 - alpha) * gi;
            variance = squareAvg[i] + -1 * gradAvg[i] * gradAvg[i];
          }
          const avg = Math.sqrt(variance) + eps;
          if (buf !== undefined) {
            buf[i] = buf[i] * momentum + gi / avg;
            p[i] = p[i] + -lr * buf[i];
          } else {
            p[i] = p[i] + -lr * (gi / avg);
          }
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
      square_avg: 'buffer',
      grad_avg: 'buffer',
      momentum_buffer: 'buffer',
    });
  }
}
