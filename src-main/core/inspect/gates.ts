// Gate activations of LSTM and GRU layers, recomputed from the weights and the states the engine returned (the
// engines keep gates only inside their backward caches). One sequence (batch 1), inference (no dropout):
//   LSTM (PyTorch order i, f, g, o): gates = W_ih x_t + b_ih + W_hh h_prev + b_hh; i, f, o = σ(.), g = tanh(.)
//   GRU  (r, z, n): r = σ(W_ir x + b_ir + W_hr h + b_hr), z likewise, n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
// h_prev is the state one step earlier in the direction's own order (t-1 forward, t+1 reverse), zeros at its start.
import type { ModelSpec } from '../spec/types';
import { numDirections } from '../spec/types';
import type { Weights } from '../tensor';

export const GATE_NAMES = { lstm: ['i', 'f', 'g', 'o'], gru: ['r', 'z', 'n'] } as const;

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** W (rows, cols) times v plus bias, for rows [from, from + count). */
function affine(out: Float64Array, w: Float64Array, cols: number, v: ArrayLike<number>, vOffset: number, bias: Float64Array | null, from: number, count: number): void {
  for (let r = 0; r < count; r++) {
    let s = bias ? bias[from + r] : 0;
    const row = (from + r) * cols;
    for (let c = 0; c < cols; c++) s += w[row + c] * v[vOffset + c];
    out[r] = s;
  }
}

/**
 * Per layer, per gate letter: (T, D*H) activations (forward units first, then reverse); null for families without
 * gates. `layerInput(l)` is layer l's input sequence (T, width): x for layer 0, the previous layer's states after.
 */
export function gateActivations(spec: ModelSpec, weights: Weights, x: Float64Array, steps: number, layerStates: Float64Array[]): Record<string, Float64Array>[] | null {
  if (spec.arch !== 'lstm' && spec.arch !== 'gru') return null;
  const names = GATE_NAMES[spec.arch];
  const G = names.length;
  const H = spec.hidden_size;
  const D = numDirections(spec);
  const T = steps;
  return layerStates.map((states, l) => {
    const input = l === 0 ? x : layerStates[l - 1];
    const inWidth = l === 0 ? spec.input_size : D * H;
    const out: Record<string, Float64Array> = Object.fromEntries(names.map((g) => [g, new Float64Array(T * D * H)]));
    for (let d = 0; d < D; d++) {
      const sfx = `_l${l}${d === 0 ? '' : '_reverse'}`;
      const wIh = weights[`weight_ih${sfx}`].data;
      const wHh = weights[`weight_hh${sfx}`].data;
      const bIh = weights[`bias_ih${sfx}`]?.data ?? null;
      const bHh = weights[`bias_hh${sfx}`]?.data ?? null;
      const gx = new Float64Array(G * H);
      const gh = new Float64Array(G * H);
      const zeros = new Float64Array(D * H);
      for (let t = 0; t < T; t++) {
        const prevT = d === 0 ? t - 1 : t + 1;
        const hPrev = prevT < 0 || prevT >= T ? zeros : states;
        const hOffset = prevT < 0 || prevT >= T ? 0 : prevT * D * H + d * H;
        affine(gx, wIh, inWidth, input, t * inWidth, bIh, 0, G * H);
        affine(gh, wHh, H, hPrev, hOffset, bHh, 0, G * H);
        const at = t * D * H + d * H;
        for (let j = 0; j < H; j++) {
          if (spec.arch === 'lstm') {
            out.i[at + j] = sigmoid(gx[j] + gh[j]);
            out.f[at + j] = sigmoid(gx[H + j] + gh[H + j]);
            out.g[at + j] = Math.tanh(gx[2 * H + j] + gh[2 * H + j]);
            out.o[at + j] = sigmoid(gx[3 * H + j] + gh[3 * H + j]);
          } else {
            const r = sigmoid(gx[j] + gh[j]);
            out.r[at + j] = r;
            out.z[at + j] = sigmoid(gx[H + j] + gh[H + j]);
            out.n[at + j] = Math.tanh(gx[2 * H + j] + r * gh[2 * H + j]);
          }
        }
      }
    }
    return out;
  });
}
