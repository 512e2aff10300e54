// The ECharts option of the 2-D trajectory plot (3-D: trajectory-gl.ts) and the table of what it draws: thin grey
// paths (one line series broken between probes), coloured points, and a larger marker where each probe has got to.
// Series carry ids, so each animation step updates their data in place instead of rebuilding them. Pure; the components only bind it.
import type { TrajectoryView } from '../../api';
import { buildPaths, frameExtents, visualMapFor, type ColourBy, type Dims, type PathSeries } from './trajectorySeries';

export interface PlotInput {
  view: TrajectoryView;
  dims: Dims;
  colourBy: ColourBy;
  upTo: number;
  /** Axis names with the explained variance, e.g. 'PC1 (62.3%)'. */
  axisNames: string[];
  probeName: (i: number) => string;
  categoryName: (c: string) => string;
  textColour: string;
}

const PATH_COLOUR = 'rgba(128, 128, 128, 0.45)';

export function pathTable(view: TrajectoryView, paths: PathSeries, dims: Dims): { columns: string[]; rows: (string | number)[][] } {
  const columns = ['probe', 'text', 'label', 't', 'pc1', 'pc2', ...(dims === 3 ? ['pc3'] : [])];
  const rows = paths.points.map((p) => {
    const probe = view.probes[p[dims + 1]];
    return [p[dims + 1] + 1, probe.text ?? '', probe.label ?? '', p[dims + 2] + 1, ...p.slice(0, dims)];
  });
  return { columns, rows };
}

/** Every probe's path in one line series, broken by a null between probes: one series to update per animation step
 * however many probes there are (up to 64), instead of one each. */
export function joinPaths(paths: PathSeries): (number[] | null)[] {
  const out: (number[] | null)[] = [];
  paths.lines.forEach((line, i) => {
    if (i > 0) out.push(null);
    out.push(...line.data);
  });
  return out;
}

/** The 2-D plot (input.dims is taken as 2). */
export function trajectoryOption(input: PlotInput): { option: Record<string, unknown>; paths: PathSeries } {
  const { view } = input;
  const paths = buildPaths(view, { dims: 2, colourBy: input.colourBy, upTo: input.upTo, probeName: input.probeName });
  const extents = frameExtents(view.projection2d, 2);
  const visualMap = { ...visualMapFor(view, input.colourBy, 2, paths.maxLength, input.categoryName), seriesIndex: [0, 1], textStyle: { color: input.textColour } };
  const tooltip = { trigger: 'item', formatter: (p: { value?: number[] }) => (p.value ? `${input.probeName(p.value[3])} · t = ${p.value[4] + 1}` : '') };
  // The frame's padded ends are not round numbers: label only the nice ticks between them.
  const axisStyle = { nameTextStyle: { color: input.textColour }, axisLabel: { color: input.textColour, showMinLabel: false, showMaxLabel: false } };
  return {
    paths,
    option: {
      animation: false,
      tooltip,
      visualMap,
      grid: { left: 56, right: 120, top: 16, bottom: 44 },
      xAxis: { type: 'value', name: input.axisNames[0], nameLocation: 'middle', nameGap: 26, ...extents[0], ...axisStyle },
      yAxis: { type: 'value', name: input.axisNames[1], nameLocation: 'middle', nameGap: 40, ...extents[1], ...axisStyle },
      series: [
        { id: 'points', type: 'scatter', data: paths.points, symbolSize: 5, large: paths.points.length > 3000 },
        { id: 'heads', type: 'scatter', data: paths.heads, symbolSize: 11, itemStyle: { borderColor: input.textColour, borderWidth: 1 } },
        { id: 'paths', type: 'line', data: joinPaths(paths), symbol: 'none', silent: true, connectNulls: false, lineStyle: { width: 1, color: PATH_COLOUR }, z: 1 },
      ],
    },
  };
}
