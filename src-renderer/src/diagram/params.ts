// The parameters (state_dict names and shapes) each family owns, from the spec alone, so the diagram can name
// them while the form is being edited. Mirrors core/spec/params.ts (test/renderer/diagram-layout.test.ts checks
// that both agree for every family); the renderer cannot import the core.
export interface DiagramSpec {
  arch: string;
  input_size: number;
  hidden_size: number;
  output_size: number;
  num_layers: number;
  bidirectional: boolean;
  bias: boolean;
  shortcut: boolean;
  learn_h0: boolean;
}

export interface DiagramParam {
  name: string;
  shape: number[];
}

const TORCH = ['rnn', 'lstm', 'gru'];

export const isTorchFamily = (arch: string) => TORCH.includes(arch);
export const gateCount = (arch: string) => (arch === 'lstm' ? 4 : arch === 'gru' ? 3 : 1);
export const directionsOf = (spec: DiagramSpec) => (isTorchFamily(spec.arch) && spec.bidirectional ? 2 : 1);
export const layersOf = (spec: DiagramSpec) => (isTorchFamily(spec.arch) ? Math.max(1, spec.num_layers) : 1);
export const suffix = (layer: number, direction: number) => `_l${layer}${direction === 1 ? '_reverse' : ''}`;

export function diagramParams(spec: DiagramSpec): DiagramParam[] {
  const H = spec.hidden_size;
  const I = spec.input_size;
  const O = spec.output_size;
  const out: DiagramParam[] = [];
  if (isTorchFamily(spec.arch)) {
    const G = gateCount(spec.arch);
    const D = directionsOf(spec);
    for (let l = 0; l < layersOf(spec); l++) {
      for (let d = 0; d < D; d++) {
        const sfx = suffix(l, d);
        out.push({ name: `weight_ih${sfx}`, shape: [G * H, l === 0 ? I : D * H] });
        out.push({ name: `weight_hh${sfx}`, shape: [G * H, H] });
        if (spec.bias) out.push({ name: `bias_ih${sfx}`, shape: [G * H] }, { name: `bias_hh${sfx}`, shape: [G * H] });
      }
    }
  } else if (spec.arch === 'elman') {
    out.push({ name: 'weight_ih_l0', shape: [H, I] }, { name: 'weight_hh_l0', shape: [H, H] });
    if (spec.bias) out.push({ name: 'bias_ih_l0', shape: [H] }, { name: 'bias_hh_l0', shape: [H] });
    if (spec.shortcut) out.push({ name: 'shortcut.weight', shape: [O, I] });
  } else if (spec.arch === 'jordan') {
    out.push({ name: 'weight_ih_l0', shape: [H, I] }, { name: 'weight_yh_l0', shape: [H, O] });
    if (spec.bias) out.push({ name: 'bias_l0', shape: [H] });
  } else if (spec.arch === 'gated') {
    out.push({ name: 'weight_hh', shape: [I, H, H] });
    if (spec.bias) out.push({ name: 'bias_hh', shape: [I, H] });
    if (spec.learn_h0) out.push({ name: 'h0', shape: [H] });
  }
  if (O > 0) out.push({ name: 'head.weight', shape: [O, directionsOf(spec) * H] }, { name: 'head.bias', shape: [O] });
  return out;
}
