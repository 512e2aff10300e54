// Pure shaping of an InspectView for the page: the rows of the step table, the bars of one step's hidden vector
// (and c_t, gates), and the gradient/loss curve over time; the same rows feed the CSV download.
import type { InspectStep, InspectView } from '../../api';

export interface StepRow {
  t: number;
  symbol: string;
  /** Likeliest decoded symbols with probabilities, e.g. [{symbol:'1', p:0.93}]. */
  top: { symbol: string; p: number }[];
  output: number[] | null;
  loss: number | null;
  gradNorm: number | null;
}

export function stepRows(view: InspectView, topK = 3): StepRow[] {
  // Time steps are shown 1-based (the first symbol is t = 1), whatever the core counts from.
  return view.steps.map((s, i) => ({
    t: i + 1,
    symbol: s.symbol ?? s.input.map((v) => fmt(v)).join(', '),
    top: (s.decoded ?? []).slice(0, topK),
    output: s.output,
    loss: s.loss,
    gradNorm: s.gradNorm,
  }));
}

const fmt = (v: number): string => Number(v.toPrecision(4)).toString();

export interface VectorBars {
  /** 'h', 'c' or a gate letter. */
  quantity: string;
  layer: number;
  values: number[];
}

/** Every vector of one step, layer by layer: h_t, then c_t (LSTM), then each gate. */
export function stepVectors(step: InspectStep): VectorBars[] {
  const out: VectorBars[] = [];
  step.hidden.forEach((values, layer) => {
    out.push({ quantity: 'h', layer, values });
    const cell = step.cell?.[layer];
    if (cell) out.push({ quantity: 'c', layer, values: cell });
    const gates = step.gates?.[layer];
    if (gates) for (const [gate, v] of Object.entries(gates)) out.push({ quantity: gate, layer, values: v });
  });
  return out;
}

/** The decoded string: the likeliest symbol at every step ('' where the model decodes nothing). */
export function decodedString(view: InspectView): string {
  return view.steps.map((s) => s.decoded?.[0]?.symbol ?? '').join('');
}

/** ||dL/dh_t|| and the loss against t, for the steps that have them. */
export function gradientCurve(view: InspectView): { t: number; gradNorm: number | null; loss: number | null }[] {
  return view.steps.flatMap((s, i) => (s.gradNorm !== null || s.loss !== null ? [{ t: i + 1, gradNorm: s.gradNorm, loss: s.loss }] : []));
}

export const INSPECT_CSV_HEADER = ['t', 'input', 'output', 'decoded', 'p', 'loss', 'grad_norm'];

export function inspectCsvRows(view: InspectView): (string | number | null)[][] {
  return stepRows(view, 1).map((r) => [r.t, r.symbol, r.output?.join(' ') ?? '', r.top[0]?.symbol ?? '', r.top[0]?.p ?? '', r.loss, r.gradNorm]);
}
