// Pure builders for the trajectory plot: probe paths in PCA space (2-D or 3-D), coloured by time step, input symbol
// or class, cut at the animation's time step, with axes framed over every probe so they hold still while it plays.
import type { TrajectoryView } from '../../api';

export type ColourBy = 'time' | 'symbol' | 'label';
export type Dims = 2 | 3;

/** A colour-blind-safe categorical palette (Okabe-Ito), for symbols and classes. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];
/** Time runs from dark blue (t = 1) to yellow (the last step), viridis-like. */
export const TIME_RAMP = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];

export interface Extent { min: number; max: number }

/** Axis ranges over all probes and steps, padded by 5 % (a flat axis gets ±1) so the animation never rescales. */
export function frameExtents(projection: number[][][], dims: Dims): Extent[] {
  const extents: Extent[] = Array.from({ length: dims }, () => ({ min: Infinity, max: -Infinity }));
  for (const path of projection) for (const point of path) {
    for (let d = 0; d < dims; d++) {
      const v = point[d] ?? 0;
      if (v < extents[d].min) extents[d].min = v;
      if (v > extents[d].max) extents[d].max = v;
    }
  }
  return extents.map(({ min, max }) => {
    if (!Number.isFinite(min)) return { min: -1, max: 1 };
    const pad = max > min ? (max - min) * 0.05 : 1;
    return { min: round(min - pad), max: round(max + pad) };
  });
}

const round = (v: number): number => Number(v.toPrecision(4));

/** Explained variance of each shown component as a percentage with one decimal ('62.3'). */
export function explainedPercents(ratios: number[], dims: Dims): string[] {
  return Array.from({ length: dims }, (_, i) => ((ratios[i] ?? 0) * 100).toFixed(1));
}

/** The categories points are coloured by: time has none (a continuous ramp), symbols in first-seen order, classes. */
export function colourCategories(view: TrajectoryView, colourBy: ColourBy): string[] {
  if (colourBy === 'time') return [];
  const seen = new Set<string>();
  for (const probe of view.probes) {
    if (colourBy === 'symbol') for (const s of probe.symbols ?? []) seen.add(s);
    else seen.add(probe.label === null ? '?' : String(probe.label));
  }
  return colourBy === 'label' ? [...seen].sort() : [...seen];
}

/** The value a point is coloured by: the time step (1-based), or the index of its category. */
export function colourValue(view: TrajectoryView, colourBy: ColourBy, categories: string[], probe: number, t: number): number {
  if (colourBy === 'time') return t + 1;
  const p = view.probes[probe];
  const key = colourBy === 'symbol' ? (p.symbols?.[t] ?? '?') : p.label === null ? '?' : String(p.label);
  return Math.max(0, categories.indexOf(key));
}

export interface PathOptions {
  dims: Dims;
  colourBy: ColourBy;
  /** Last time step drawn (0-based); the path is drawn up to and including it. */
  upTo: number;
  /** Probes to show (indices); all when absent. */
  shown?: number[];
  /** Names of the probes in tooltips and the legend. */
  probeName: (index: number) => string;
}

export interface PathSeries {
  /** One line per probe (grey, thin) and one scatter of every drawn point, coloured through the visual map. */
  lines: { name: string; data: number[][] }[];
  /** [x, y, (z,) colourValue, probeIndex, t] per point. */
  points: number[][];
  /** The last point of each probe (drawn larger), same layout. */
  heads: number[][];
  maxLength: number;
}

export function buildPaths(view: TrajectoryView, options: PathOptions): PathSeries {
  const projection = options.dims === 3 ? view.projection3d : view.projection2d;
  const categories = colourCategories(view, options.colourBy);
  const shown = options.shown ?? view.probes.map((_, i) => i);
  const lines: PathSeries['lines'] = [];
  const points: number[][] = [];
  const heads: number[][] = [];
  let maxLength = 0;
  for (const i of shown) {
    const path = projection[i] ?? [];
    maxLength = Math.max(maxLength, path.length);
    const end = Math.min(options.upTo, path.length - 1);
    const coords: number[][] = [];
    for (let t = 0; t <= end; t++) {
      const xyz = path[t].slice(0, options.dims);
      coords.push(xyz);
      const row = [...xyz, colourValue(view, options.colourBy, categories, i, t), i, t];
      points.push(row);
      if (t === end) heads.push(row);
    }
    lines.push({ name: options.probeName(i), data: coords });
  }
  return { lines, points, heads, maxLength };
}

/** The visual map that colours the points: a continuous time ramp, or one piece per category. */
export function visualMapFor(
  view: TrajectoryView, colourBy: ColourBy, dims: Dims, maxLength: number, categoryName: (c: string) => string = (c) => c,
): Record<string, unknown> {
  const dimension = dims; // the colour value sits right after the coordinates
  if (colourBy === 'time') {
    return { type: 'continuous', dimension, min: 1, max: Math.max(2, maxLength), inRange: { color: TIME_RAMP }, calculable: false, orient: 'vertical', right: 0, top: 'middle' };
  }
  const categories = colourCategories(view, colourBy);
  return {
    type: 'piecewise', dimension, orient: 'vertical', right: 0, top: 'middle',
    pieces: categories.map((c, i) => ({ value: i, label: categoryName(c), color: PALETTE[i % PALETTE.length] })),
  };
}

/** Length of the longest probe shown: the time slider's range. */
export function longestProbe(view: TrajectoryView): number {
  return view.probes.reduce((m, p) => Math.max(m, p.length), 0);
}
