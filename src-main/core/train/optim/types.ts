// The optimiser contract: update named float64 parameters in place from their gradients, and hand over a
// JSON-able state for checkpoints. Options use the snake_case names of the training settings (and of torch).
import { LabError } from '../../errors';
import type { Weights } from '../../tensor';

/** dL/dparam by parameter name, like `Gradients.params` of the engine contract. */
export type NamedGrads = Record<string, Float64Array>;

export interface SgdOptions {
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weight_decay: number;
}

export interface AdamOptions {
  beta1: number;
  beta2: number;
  eps: number;
  weight_decay: number;
  amsgrad: boolean;
}

export interface RmspropOptions {
  alpha: number;
  eps: number;
  momentum: number;
  centered: boolean;
  weight_decay: number;
}

export type OptimizerSettings =
  | ({ kind: 'sgd' } & SgdOptions)
  | ({ kind: 'adam' } & AdamOptions)
  | ({ kind: 'rmsprop' } & RmspropOptions);

export type OptimizerKind = OptimizerSettings['kind'];

/**
 * Checkpoint form of an optimiser's state (format: optim/README.md). Per parameter name: counters as numbers,
 * buffers as base64 of little-endian float64, so a restored run continues bit for bit.
 */
export interface OptimizerState {
  kind: OptimizerKind;
  params: Record<string, Record<string, number | string>>;
}

export interface Optimizer {
  readonly kind: OptimizerKind;
  /**
   * One update of every parameter that has a gradient, in place (`weights[name].data`). A parameter without an
   * entry in `grads` is skipped and its state stands still, as torch skips `p.grad is None`.
   */
  step(weights: Weights, grads: NamedGrads, lr: number): void;
  /** A deep copy of the state as plain JSON-able data. */
  getState(): OptimizerState;
  /** Replaces the state with one from `getState()` (possibly parsed back from JSON); validates it. */
  setState(state: unknown): void;
}

/** An optimiser state that does not fit (wrong kind, bad field, buffer of the wrong size). */
export class OptimizerStateError extends LabError {}
