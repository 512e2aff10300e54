// The work and answer budget of LabApi.evaluate, checked in the host before anything is sent to the compute
// process: a request that would take more than EVALUATE_MAX_MACS multiply-adds, or answer more than
// EVALUATE_MAX_VALUES numbers (about 20 MB as JSON), is refused in one line that states the budget.
import type { ModelSpec } from '../spec/types';
import { numDirections } from '../spec/types';
import { RequestError } from './results';

/** Multiply-adds of one forward pass: 2e8 takes well under a second on the native engine, a few on the reference one. */
export const EVALUATE_MAX_MACS = 200_000_000;
/** Numbers in the answer (y + output + h_n + c_n): 1e6, about 20 MB of JSON. */
export const EVALUATE_MAX_VALUES = 1_000_000;

const GATES: Record<string, number> = { lstm: 4, gru: 3 };

/** Throws when the request's x (if shaped like [batch][time][...]) would exceed the budget; shapes are checked later. */
export function checkEvaluateBudget(spec: ModelSpec, request: unknown): void {
  const x = (request as { x?: unknown } | null)?.x;
  if (!Array.isArray(x) || !Array.isArray(x[0])) return;
  const batch = x.length;
  const steps = Math.max(...x.map((row) => (Array.isArray(row) ? row.length : 0)));
  const D = numDirections(spec);
  const H = spec.hidden_size;
  const G = GATES[spec.arch] ?? 1;
  let macs = 0;
  for (let layer = 0; layer < spec.num_layers; layer++) {
    const input = layer === 0 ? spec.input_size : D * H;
    macs += batch * steps * D * G * H * (input + H);
  }
  macs += batch * steps * D * H * spec.output_size;
  if (macs > EVALUATE_MAX_MACS) {
    throw new RequestError(
      `evaluate: ${batch} x ${steps} steps on this model is about ${fmt(macs)} multiply-adds, above the budget of ${fmt(EVALUATE_MAX_MACS)}: send fewer or shorter sequences`,
    );
  }
  const states = spec.num_layers * D * batch * H * (spec.arch === 'lstm' ? 2 : 1);
  const values = batch * steps * (D * H + spec.output_size) + states;
  if (values > EVALUATE_MAX_VALUES) {
    throw new RequestError(
      `evaluate: the answer would hold ${fmt(values)} numbers, above the budget of ${fmt(EVALUATE_MAX_VALUES)} (about 20 MB): send fewer or shorter sequences`,
    );
  }
}

function fmt(n: number): string {
  return n >= 1e6 ? `${Number((n / 1e6).toPrecision(3))} million` : String(n);
}
