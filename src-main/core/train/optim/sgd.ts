// Stochastic gradient descent with PyTorch's update order (torch.optim.SGD, single-tensor path):
//   d = g + wd * p;  buf = d (first step) or momentum * buf + (1 - dampening) * d;
//   d = d + momentum * buf (Nesterov) or buf;  p = p - lr * d.
import type { Weights } from '../../tensor';
import { forEachParam, paramState, stateBuffer } from './params';
import { decodeState, encodeState, type ParamState } from './state-codec';
import type { NamedGrads, Optimizer, OptimizerState, SgdOptions } from './types';

export const SGD_DEFAULTS: SgdOptions = { momentum: 0, dampening: 0, nesterov: false, weight_decay: 0 };

export class Sgd implements Optimizer {
  readonly kind = 'sgd';
  private readonly options: SgdOptions;
  private live = new Map<string, ParamState>();

  constructor(options: Partial<SgdOptions> = {}) {
    this.options = { ...SGD_DEFAULTS, ...options };
    const { momentum, dampening, nesterov } = this.options;
    if (nesterov && (momentum <= 0 || dampening !== 0)) {
      throw new RangeError(`Nesterov momentum needs momentum > 0 and dampening = 0, found momentum ${momentum}, dampening ${dampening}`);
    }
  }

  step(weights: Weights, grads: NamedGrads, lr: number): void {
    const { momentum, dampening, nesterov, weight_decay: wd } = this.options;
    forEachParam(weights, grads, lr, (name, p, g) => {
      const state = paramState(this.live, name);
      // Created in the update, not here: a step stopped by another parameter's bad state must leave it absent.
      const restored = momentum !== 0 ? stateBuffer(state, 'momentum_buffer', name, p.length, false) : undefined;
      return () => {
        const fresh = restored === undefined;
        const buf = momentum === 0 ? undefined : (restored ?? (state.momentum_buffer = new Float64Array(p.length)));
        for (let i = 0; i < p.length; i++) {
          let d = wd !== 0 ? g[i] + wd * p[i] : g[i];
          if (buf !== undefined) {
            buf[i] = fresh ? d : buf[i] * momentum + (1 - dampening) * d;
            d = nesterov ? d + momentum * buf[i] : buf[i];
          }
          p[i] = p[i] + -lr * d;
        }
      };
    });
  }

  getState(): OptimizerState {
    return encodeState(this.kind, this.live);
  }

  setState(state: unknown): void {
    this.live = decodeState(this.kind, state, { momentum_buffer: 'buffer' });
  }
}
