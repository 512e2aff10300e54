// Comparing runs, pure: flatten each run's settings to dotted paths, find what differs among the ticked runs (the
// legend names it), and overlay their loss, gradient-norm and spectral-bound curves aligned by training step.
import type { RunDetail, RunRecord, StepPoint } from '../../api';
import type { Cell } from '../csv';

/** { training: { lr: 0.01 } } -> { 'training.lr': 0.01 }; arrays are compared as JSON. */
export function flattenSettings(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flattenSettings(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out[prefix] = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  }
  return out;
}

/** Dotted paths whose values are not the same in every given run, sorted. */
export function differingPaths(runs: Pick<RunRecord, 'settings'>[]): string[] {
  const flat = runs.map((r) => flattenSettings(r.settings));
  const keys = new Set(flat.flatMap((f) => Object.keys(f)));
  return [...keys].filter((k) => new Set(flat.map((f) => f[k] ?? '—')).size > 1).sort();
}

/** The last segment or two of a path, enough to read ('training.optimizer.lr' -> 'optimizer.lr'). */
export function shortPath(path: string): string {
  const parts = path.split('.');
  return parts.length > 2 ? parts.slice(-2).join('.') : path;
}

/**
 * 'lr=0.01, clip.mode=norm' for one run: its values at the differing paths (at most `max`, then '…'); `label` names a
 * path (the UI passes the settings form's label in the chosen language).
 */
export function legendFor(run: Pick<RunRecord, 'settings'>, paths: string[], max = 4, label: (path: string) => string = shortPath): string {
  const flat = flattenSettings(run.settings);
  const parts = paths.slice(0, max).map((p) => `${label(p)}=${flat[p] ?? '—'}`);
  return paths.length > max ? `${parts.join(', ')}, …` : parts.join(', ');
}

export type CurveKind = 'loss' | 'gradNorm' | 'spectral';

/** The value a curve plots at a point: the loss, the global gradient norm, the largest spectral bound (or null). */
export function curveValue(point: StepPoint, kind: CurveKind): number | null {
  if (kind === 'loss') return point.loss;
  if (kind === 'gradNorm') return point.gradNorm;
  if (!point.spectral) return null;
  const bounds = Object.values(point.spectral).map((s) => s.bound);
  return bounds.length ? Math.max(...bounds) : null;
}

export interface OverlayLine { runId: string; name: string; data: [number, number][] }

/** One line per run, x = training step; points without a value (spectral bound not measured there) are skipped. */
export function overlayLines(runs: RunDetail[], kind: CurveKind, names: string[]): OverlayLine[] {
  return runs.map((run, i) => ({
    runId: run.id,
    name: names[i],
    data: run.points.flatMap((p): [number, number][] => {
      const v = curveValue(p, kind);
      return v === null || !Number.isFinite(v) ? [] : [[p.step, v]];
    }),
  }));
}

/** The overlay as one CSV table: step, then one column per run (blank where a run has no point at that step). */
export function overlayCsv(lines: OverlayLine[]): { header: string[]; rows: Cell[][] } {
  const steps = [...new Set(lines.flatMap((l) => l.data.map(([s]) => s)))].sort((a, b) => a - b);
  const byRun = lines.map((l) => new Map(l.data));
  return { header: ['step', ...lines.map((l) => l.name)], rows: steps.map((s) => [s, ...byRun.map((m) => m.get(s) ?? null)]) };
}

/** Alerts by kind as 'vanishing 3, exploding 1' parts (kinds with zero left out), in a stable order. */
export function alertParts(counts: Record<string, number>): [string, number][] {
  const order = ['vanishing', 'exploding', 'nonfinite'];
  const rank = (kind: string): number => (order.includes(kind) ? order.indexOf(kind) : order.length);
  return Object.entries(counts).filter(([, n]) => n > 0).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Ticked runs: toggling keeps the selection at most `max` (the oldest ticked drops out). */
export function toggleSelection(selected: string[], id: string, max = 4): string[] {
  if (selected.includes(id)) return selected.filter((s) => s !== id);
  const next = [...selected, id];
  return next.length > max ? next.slice(next.length - max) : next;
}
