// What every optimiser does around its update rule: pair weights with gradients (checking names and sizes),
// check the learning rate, and fetch per-parameter state buffers of the right size.
import { InputShapeError } from '../../errors';
import type { Weights } from '../../tensor';
import type { ParamState } from './state-codec';
import { OptimizerStateError, type NamedGrads } from './types';

/**
 * Calls `prepare` for each weight (in the weights' order) that has a gradient, after checking every gradient; each
 * returns its update, and the updates run only once every parameter is prepared. So a state buffer of the wrong
 * size (found while preparing) stops the step before any weight or counter changes.
 */
export function forEachParam(
  weights: Weights,
  grads: NamedGrads,
  lr: number,
  prepare: (name: string, param: Float64Array, grad: Float64Array) => () => void,
): void {
  if (!Number.isFinite(lr) || lr < 0) throw new RangeError(`expected a learning rate as a finite number >= 0, found ${lr}`);
  for (const [name, grad] of Object.entries(grads)) {
    const weight = weights[name];
    if (weight === undefined) {
      throw new InputShapeError(`expected gradients of known parameters (${Object.keys(weights).join(', ')}), found '${name}'`);
    }
    if (grad.length !== weight.data.length) {
      throw new InputShapeError(`gradient of ${name}: expected ${weight.data.length} values, found ${grad.length}`);
    }
  }
  const updates: (() => void)[] = [];
  for (const [name, weight] of Object.entries(weights)) {
    const grad = grads[name];
    if (grad !== undefined) updates.push(prepare(name, weight.data, grad));
  }
  for (const update of updates) update();
}

/** The state of parameter `name`, created empty on first use. */
export function paramState(live: Map<string, ParamState>, name: string): ParamState {
  let state = live.get(name);
  if (state === undefined) {
    state = {};
    live.set(name, state);
  }
  return state;
}

/**
 * Buffer `key` of a parameter's state: created as zeros of `size` when `create` is true and it is absent,
 * otherwise undefined when absent. A restored buffer of another size is an error.
 */
export function stateBuffer(state: ParamState, key: string, name: string, size: number, create: true): Float64Array;
export function stateBuffer(state: ParamState, key: string, name: string, size: number, create: false): Float64Array | undefined;
export function stateBuffer(state: ParamState, key: string, name: string, size: number, create: boolean): Float64Array | undefined {
  const value = state[key];
  if (value === undefined) {
    if (!create) return undefined;
    const zeros = new Float64Array(size);
    state[key] = zeros;
    return zeros;
  }
  if (typeof value === 'number' || value.length !== size) {
    const found = typeof value === 'number' ? 'a number' : `${value.length} values`;
    throw new OptimizerStateError(`optimiser state ${name}.${key}: expected ${size} values, found ${found}`);
  }
  return value;
}

/** Counter `key` of a parameter's state (0 when absent). */
export function stateCounter(state: ParamState, key: string): number {
  const value = state[key];
  return typeof value === 'number' ? value : 0;
}
