// Unit-by-time heatmaps of one probe: hidden states, LSTM cell states and gate activations, split by direction so a
// bidirectional layer shows its forward and reverse units side by side.
import type { TrajectoryView } from '../../api';

export interface Heatmap {
  /** 'h', 'c' or a gate letter ('i', 'f', 'g', 'o' / 'r', 'z', 'n'). */
  quantity: string;
  /** 0 forward, 1 reverse. */
  direction: number;
  steps: number;
  units: number;
  /** [t, unit, value] with t and unit 0-based. */
  cells: [number, number, number][];
  min: number;
  max: number;
}

/** Splits a [t][D*H] matrix into D heatmaps of [t, unit, value] (forward units first, as the contract lays them out). */
export function splitHeatmaps(quantity: string, matrix: number[][], directions: number, hiddenSize: number): Heatmap[] {
  return Array.from({ length: directions }, (_, d) => {
    const cells: [number, number, number][] = [];
    let min = Infinity;
    let max = -Infinity;
    matrix.forEach((row, t) => {
      for (let u = 0; u < hiddenSize; u++) {
        const v = row[d * hiddenSize + u];
        cells.push([t, u, v]);
        if (v < min) min = v;
        if (v > max) max = v;
      }
    });
    if (!Number.isFinite(min)) { min = 0; max = 0; }
    return { quantity, direction: d, steps: matrix.length, units: hiddenSize, cells, min, max };
  });
}

/** Every heatmap of one probe at one layer: h, then c (LSTM), then each gate in the model's order. */
export function probeHeatmaps(view: TrajectoryView, layer: number, probe: number): Heatmap[] {
  const { directions, hiddenSize } = view;
  const out = splitHeatmaps('h', view.states[layer]?.[probe] ?? [], directions, hiddenSize);
  const cell = view.cellStates?.[layer]?.[probe];
  if (cell) out.push(...splitHeatmaps('c', cell, directions, hiddenSize));
  const gates = view.gates?.[layer];
  if (gates) for (const [gate, perProbe] of Object.entries(gates)) {
    const m = perProbe[probe];
    if (m) out.push(...splitHeatmaps(gate, m, directions, hiddenSize));
  }
  return out;
}

/** A symmetric colour range for states that can be negative (tanh, c_t), [0, 1] for sigmoid gates. */
export function heatmapRange(map: Heatmap): [number, number] {
  if (map.min >= 0 && map.max <= 1) return [0, 1];
  const bound = Math.max(Math.abs(map.min), Math.abs(map.max), 1e-6);
  return [-round(bound), round(bound)];
}

const round = (v: number): number => Number(v.toPrecision(3));

/** The heatmap as CSV rows: t (1-based), unit (1-based), value. */
export function heatmapRows(map: Heatmap): number[][] {
  return map.cells.map(([t, u, v]) => [t + 1, u + 1, v]);
}

/** ECharts option of one heatmap: x = time step (1-based), y = unit, diverging colours around 0 (or 0..1 for gates). */
export function heatmapOption(map: Heatmap, axisNames: { t: string; unit: string }, textColour: string): Record<string, unknown> {
  const [min, max] = heatmapRange(map);
  const steps = Array.from({ length: map.steps }, (_, t) => String(t + 1));
  const units = Array.from({ length: map.units }, (_, u) => String(u + 1));
  const axis = { axisLabel: { color: textColour }, nameTextStyle: { color: textColour } };
  return {
    animation: false,
    tooltip: { position: 'top' },
    grid: { left: 44, right: 16, top: 8, bottom: 66 },
    xAxis: { type: 'category', data: steps, name: axisNames.t, nameLocation: 'middle', nameGap: 24, ...axis },
    yAxis: { type: 'category', data: units, name: axisNames.unit, nameLocation: 'middle', nameGap: 28, ...axis },
    visualMap: {
      min, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, itemWidth: 10, text: [String(max), String(min)],
      textStyle: { color: textColour },
      inRange: { color: min < 0 ? ['#2166ac', '#f7f7f7', '#b2182b'] : ['#f7fbff', '#6baed6', '#08306b'] },
    },
    series: [{ type: 'heatmap', data: map.cells, progressive: 0 }],
  };
}
