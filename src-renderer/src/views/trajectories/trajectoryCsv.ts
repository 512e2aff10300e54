// The trajectory view as a table: where each probe ends (its final hidden state in PCA space) with its label, the
// CSV a user downloads and the browser test reads to check that accepted and rejected strings end apart.
import type { TrajectoryView } from '../../api';
import { toCsv } from '../csv';

export const TRAJECTORY_CSV_HEADER = ['probe', 'text', 'length', 'label', 'step', 'pc1', 'pc2', 'pc3'];

export function finalPointRows(view: TrajectoryView): (string | number)[][] {
  return view.probes.map((probe, i) => {
    const last2 = view.projection2d[i]?.at(-1) ?? [];
    const last3 = view.projection3d[i]?.at(-1) ?? [];
    return [i + 1, probe.text ?? '', probe.length, probe.label ?? '', view.step, last2[0] ?? '', last2[1] ?? '', last3[2] ?? ''];
  });
}

export function trajectoryCsv(view: TrajectoryView): string {
  return toCsv(TRAJECTORY_CSV_HEADER, finalPointRows(view));
}
