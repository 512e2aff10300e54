// The 3-D trajectory plot without WebGL (TrajectoryProjection3d.vue, the fallback of TrajectoryPlot3d.vue): points
// normalised into a cube, rotated (yaw about the vertical axis, then pitch) and projected orthographically onto a 2-D
// ECharts scatter, nearer points drawn later and larger. With WebGL, echarts-gl draws it (trajectory-gl.ts).
import type { TrajectoryView } from '../../api';
import { buildPaths, frameExtents, visualMapFor, type Extent, type PathSeries } from './trajectorySeries';
import type { PlotInput } from './trajectory-option';

export interface Camera { yaw: number; pitch: number }
export const DEFAULT_CAMERA: Camera = { yaw: -0.6, pitch: 0.35 };

/** Into [-1, 1] on each axis, using the frame of every probe so rotation never rescales. */
export function normalise(point: number[], extents: Extent[]): number[] {
  return extents.map(({ min, max }, d) => (max > min ? ((point[d] - min) / (max - min)) * 2 - 1 : 0));
}

/** [x, y, depth] on screen of a point in the unit cube (depth grows towards the viewer). */
export function rotate([x, y, z]: number[], camera: Camera): [number, number, number] {
  const cy = Math.cos(camera.yaw);
  const sy = Math.sin(camera.yaw);
  const cp = Math.cos(camera.pitch);
  const sp = Math.sin(camera.pitch);
  const x1 = cy * x + sy * z;
  const z1 = -sy * x + cy * z;
  return [x1, cp * y - sp * z1, sp * y + cp * z1];
}

/** Keeps the pitch within ±80° so the view never flips over the top. */
export function turn(camera: Camera, dYaw: number, dPitch: number): Camera {
  const limit = (80 * Math.PI) / 180;
  return { yaw: camera.yaw + dYaw, pitch: Math.max(-limit, Math.min(limit, camera.pitch + dPitch)) };
}

const EDGES: [number[], number[], number][] = [
  [[-1, -1, -1], [1, -1, -1], 0],
  [[-1, -1, -1], [-1, 1, -1], 1],
  [[-1, -1, -1], [-1, -1, 1], 2],
];

export function trajectory3dOption(input: PlotInput, camera: Camera): { option: Record<string, unknown>; points: number[][]; paths: PathSeries } {
  const view: TrajectoryView = input.view;
  const extents = frameExtents(view.projection3d, 3);
  const paths = buildPaths(view, { dims: 3, colourBy: input.colourBy, upTo: input.upTo, probeName: input.probeName });
  // [x, y, colour, probe, t, depth]: the colour value stays in dimension 2, where the visual map reads it.
  const screen = (row: number[]) => {
    const [x, y, depth] = rotate(normalise(row, extents), camera);
    return [x, y, row[3], row[4], row[5], depth];
  };
  const points = paths.points.map(screen).sort((a, b) => a[5] - b[5]);
  const heads = paths.heads.map(screen);
  const visualMap = { ...visualMapFor(view, input.colourBy, 2, paths.maxLength, input.categoryName), seriesIndex: [0, 1], textStyle: { color: input.textColour } };
  const axisLines = EDGES.map(([a, b, d]) => ({
    id: `axis-${d}`, type: 'line', silent: true, symbol: 'none', data: [rotate(a, camera).slice(0, 2), rotate(b, camera).slice(0, 2)],
    lineStyle: { color: input.textColour, width: 1, opacity: 0.6 },
    endLabel: { show: true, formatter: input.axisNames[d], color: input.textColour },
  }));
  return {
    points,
    paths,
    option: {
      animation: false,
      tooltip: { trigger: 'item', formatter: (p: { value?: number[] }) => (p.value ? `${input.probeName(p.value[3])} · t = ${p.value[4] + 1}` : '') },
      visualMap,
      grid: { left: 16, right: 120, top: 16, bottom: 16 },
      xAxis: { type: 'value', min: -1.8, max: 1.8, show: false },
      yAxis: { type: 'value', min: -1.8, max: 1.8, show: false },
      series: [
        { id: 'points', type: 'scatter', data: points, symbolSize: (v: number[]) => 4 + 2 * (v[5] + 1.8) / 1.8 },
        { id: 'heads', type: 'scatter', data: heads, symbolSize: 11, itemStyle: { borderColor: input.textColour, borderWidth: 1 } },
        ...paths.lines.map((l, i) => ({
          id: `path-${i}`, type: 'line', name: l.name, symbol: 'none', silent: true, z: 1,
          data: l.data.map((p) => rotate(normalise(p, extents), camera).slice(0, 2)),
          lineStyle: { width: 1, color: 'rgba(128, 128, 128, 0.45)' },
        })),
        ...axisLines,
      ],
    },
  };
}
