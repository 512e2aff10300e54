// Lays out the network unrolled over a few time steps as boxes (input, hidden per layer and direction, output) and
// arrows (input weights, recurrence, layer-to-layer, readout, Elman's shortcut, Jordan's feedback, the second-order
// net's symbol selection), each naming the parameters it stands for. Pure: spec in, geometry out; NetworkDiagram.vue draws it.
import { diagramParams, directionsOf, layersOf, suffix, type DiagramParam, type DiagramSpec } from './params';

export type BoxKind = 'input' | 'hidden' | 'output';
export type ArrowKind = 'input' | 'recurrent' | 'between' | 'readout' | 'shortcut' | 'feedback' | 'select' | 'initial';

export interface DiagramBox {
  id: string;
  kind: BoxKind;
  x: number;
  y: number;
  w: number;
  h: number;
  t: number;
  layer: number;
  direction: number;
  /** i18n key under design.diagram naming the part. */
  labelKey: string;
  /** Math symbol drawn inside (x, h, "h, c", y), subscripted with t. */
  symbol: string;
  params: DiagramParam[];
}

export interface DiagramArrow {
  id: string;
  kind: ArrowKind;
  /** SVG path data. */
  d: string;
  labelKey: string;
  params: DiagramParam[];
}

export interface DiagramLayout {
  width: number;
  height: number;
  steps: number;
  /** Centre x of each time step's column (t = 1..steps). */
  columns: number[];
  boxes: DiagramBox[];
  arrows: DiagramArrow[];
  /** Row captions on the left: y centre and i18n key + args. */
  rows: { y: number; labelKey: string; args: Record<string, string | number> }[];
}

const COL = 150;
const ROW = 86;
const BOX_W = 84;
const BOX_H = 38;
const LEFT = 120;
const TOP = 34;

export function layoutDiagram(spec: DiagramSpec, steps = 3): DiagramLayout {
  const all = diagramParams(spec);
  const pick = (...names: string[]) => names.flatMap((n) => all.filter((p) => p.name === n));
  const L = layersOf(spec);
  const D = directionsOf(spec);
  const hasOutput = spec.output_size > 0;
  const hiddenRows = L * D;
  const rowsCount = 1 + hiddenRows + (hasOutput ? 1 : 0);
  const height = TOP + rowsCount * ROW + 10;
  const width = LEFT + steps * COL + 40;
  // Rows from the bottom: input, then each layer's directions, then the output on top.
  const rowY = (index: number) => TOP + (rowsCount - 1 - index) * ROW + ROW / 2;
  const colX = (t: number) => LEFT + (t - 1) * COL + COL / 2;
  const hiddenRow = (layer: number, dir: number) => 1 + layer * D + dir;

  const boxes: DiagramBox[] = [];
  const arrows: DiagramArrow[] = [];
  const rows: DiagramLayout['rows'] = [{ y: rowY(0), labelKey: 'input', args: {} }];

  const box = (kind: BoxKind, t: number, row: number, layer: number, direction: number, labelKey: string, params: DiagramParam[]) => {
    const symbol = kind === 'input' ? 'x' : kind === 'output' ? 'y' : spec.arch === 'lstm' ? 'h, c' : 'h';
    const b: DiagramBox = {
      id: `${kind}-${layer}-${direction}-${t}`, kind, t, layer, direction, labelKey, symbol, params,
      x: colX(t) - BOX_W / 2, y: rowY(row) - BOX_H / 2, w: BOX_W, h: BOX_H,
    };
    boxes.push(b);
    return b;
  };

  for (let t = 1; t <= steps; t++) box('input', t, 0, 0, 0, 'input', []);
  for (let l = 0; l < L; l++) {
    for (let d = 0; d < D; d++) {
      const sfx = suffix(l, d);
      const biases = pick(`bias_ih${sfx}`, `bias_hh${sfx}`, spec.arch === 'jordan' ? 'bias_l0' : '', spec.arch === 'gated' ? 'bias_hh' : '');
      const key = spec.arch === 'lstm' ? 'cell' : 'hidden';
      for (let t = 1; t <= steps; t++) box('hidden', t, hiddenRow(l, d), l, d, key, biases);
      rows.push({ y: rowY(hiddenRow(l, d)), labelKey: L > 1 || D > 1 ? 'layerDir' : 'hidden', args: { layer: l + 1, dir: d } });
    }
  }
  if (hasOutput) {
    for (let t = 1; t <= steps; t++) box('output', t, rowsCount - 1, 0, 0, 'output', pick('head.bias'));
    rows.push({ y: rowY(rowsCount - 1), labelKey: 'output', args: {} });
  }
  const find = (kind: BoxKind, t: number, layer = 0, direction = 0) =>
    boxes.find((b) => b.kind === kind && b.t === t && b.layer === layer && b.direction === direction)!;
  const top = (b: DiagramBox) => ({ x: b.x + b.w / 2, y: b.y });
  const bottom = (b: DiagramBox) => ({ x: b.x + b.w / 2, y: b.y + b.h });
  const line = (a: { x: number; y: number }, b: { x: number; y: number }) => `M ${a.x} ${a.y} L ${b.x} ${b.y}`;
  const add = (id: string, kind: ArrowKind, d: string, labelKey: string, params: DiagramParam[]) =>
    arrows.push({ id, kind, d, labelKey, params });

  for (let t = 1; t <= steps; t++) {
    const input = find('input', t);
    // Input into the first layer (the second-order net has no input matrix: the symbol selects the recurrent one).
    for (let d = 0; d < D; d++) {
      const h = find('hidden', t, 0, d);
      const dx = D > 1 ? (d === 0 ? -12 : 12) : 0;
      if (spec.arch === 'gated') continue;
      add(`in-${d}-${t}`, 'input', line({ x: top(input).x + dx, y: top(input).y }, { x: bottom(h).x + dx, y: bottom(h).y }), 'inputWeights', pick(`weight_ih${suffix(0, d)}`));
    }
    // Layer to layer: every direction of layer l feeds every direction of layer l+1.
    for (let l = 1; l < L; l++) {
      for (let d = 0; d < D; d++) {
        const to = find('hidden', t, l, d);
        const from = find('hidden', t, l - 1, D - 1);
        add(`between-${l}-${d}-${t}`, 'between', line(top(from), bottom(to)), 'between', pick(`weight_ih${suffix(l, d)}`));
      }
    }
    if (hasOutput) {
      const out = find('output', t);
      const last = find('hidden', t, L - 1, D - 1);
      add(`readout-${t}`, 'readout', line(top(last), bottom(out)), 'readout', pick('head.weight'));
      if (spec.arch === 'elman' && spec.shortcut) {
        // Around the hidden layer, on the right of the column.
        const a = { x: input.x + input.w, y: input.y + input.h / 2 };
        const b = { x: out.x + out.w, y: out.y + out.h / 2 };
        const bend = a.x + 30;
        add(`shortcut-${t}`, 'shortcut', `M ${a.x} ${a.y} C ${bend} ${a.y} ${bend} ${b.y} ${b.x} ${b.y}`, 'shortcut', pick('shortcut.weight'));
      }
      if (spec.arch === 'jordan' && t > 1) {
        const prev = find('output', t - 1);
        const h = find('hidden', t, 0, 0);
        const a = { x: prev.x + prev.w, y: prev.y + prev.h / 2 + 6 };
        const b = { x: h.x, y: h.y + 8 };
        add(`feedback-${t}`, 'feedback', `M ${a.x} ${a.y} C ${a.x + 30} ${a.y + 20} ${b.x - 30} ${b.y - 20} ${b.x} ${b.y}`, 'feedback', pick('weight_yh_l0'));
      }
    }
  }
  // Recurrence along each hidden row (forward: left to right; backward: right to left), and h_0 coming in.
  if (spec.arch !== 'jordan') {
    for (let l = 0; l < L; l++) {
      for (let d = 0; d < D; d++) {
        const w = spec.arch === 'gated' ? pick('weight_hh') : pick(`weight_hh${suffix(l, d)}`);
        for (let t = 1; t <= steps; t++) {
          const here = find('hidden', t, l, d);
          const y = here.y + here.h / 2;
          const prevT = d === 0 ? t - 1 : t + 1;
          const prev = prevT >= 1 && prevT <= steps ? find('hidden', prevT, l, d) : null;
          const from = prev ? (d === 0 ? prev.x + prev.w : prev.x) : d === 0 ? here.x - 44 : here.x + here.w + 44;
          const to = d === 0 ? here.x : here.x + here.w;
          const kind: ArrowKind = prev ? 'recurrent' : 'initial';
          const params = prev ? w : spec.arch === 'gated' ? [...w, ...pick('h0')] : w;
          add(`rec-${l}-${d}-${t}`, kind, `M ${from} ${y} L ${to} ${y}`, kind === 'initial' ? 'initial' : spec.arch === 'gated' ? 'symbolMatrix' : 'recurrent', params);
          if (spec.arch === 'gated') {
            // The input symbol picks W_k: a dashed arrow from the input up to the middle of the recurrent arrow.
            const input = find('input', t);
            const mid = (from + to) / 2;
            add(`select-${t}`, 'select', `M ${top(input).x} ${top(input).y} Q ${mid} ${y + 30} ${mid} ${y + 3}`, 'symbolMatrix', w);
          }
        }
      }
    }
  }
  const columns = Array.from({ length: steps }, (_, i) => colX(i + 1));
  return { width, height, steps, columns, boxes, arrows, rows };
}
