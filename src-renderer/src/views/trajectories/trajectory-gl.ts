// The ECharts option of the 3-D trajectory plot drawn by echarts-gl (WebGL): a grid3D box framed over every probe,
// one scatter3D of the drawn points (coloured through the visual map), one of where each probe has got to, and a thin
// line3D per probe. Series carry ids so an update (the time slider, a snapshot) replaces their data in place. The
// camera (viewControl alpha/beta) is left to the chart, so updates never reset the user's rotation. Pure; the
// projection drawn without WebGL is trajectory3d.ts.
import { buildPaths, frameExtents, visualMapFor, type Extent, type PathSeries } from './trajectorySeries';
import type { PlotInput } from './trajectory-option';

/** The first view: looking down on the box a little, turned so all three axes show. */
export const INITIAL_VIEW = { alpha: 22, beta: 35 };
/** Degrees per arrow-key press. */
export const KEY_STEP = 6;
const PATH_COLOUR = 'rgba(128, 128, 128, 0.55)';

export interface GlView { alpha: number; beta: number }

/** The frame rounded out to a step of 1, 2 or 5 × 10^k (about five intervals), so the box's end labels are round
 * numbers: grid3D cannot hide its min and max labels as the 2-D plot does. */
export function niceExtent({ min, max }: Extent): Extent {
  const raw = (max - min) / 5;
  if (!(raw > 0) || !Number.isFinite(raw)) return { min, max };
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const fix = (v: number) => Number(v.toPrecision(12));
  return { min: fix(Math.floor(min / step) * step), max: fix(Math.ceil(max / step) * step) };
}

/** The camera after an arrow key (alpha, the elevation, stays within ±85° so the box never flips over). */
export function turnView(view: GlView, key: string): GlView | null {
  const moves: Record<string, [number, number]> = { ArrowLeft: [0, -KEY_STEP], ArrowRight: [0, KEY_STEP], ArrowUp: [KEY_STEP, 0], ArrowDown: [-KEY_STEP, 0] };
  const m = moves[key];
  if (!m) return null;
  return { alpha: Math.max(-85, Math.min(85, view.alpha + m[0])), beta: view.beta + m[1] };
}

export function trajectoryGlOption(input: PlotInput): { option: Record<string, unknown>; paths: PathSeries } {
  const { view, textColour: ink } = input;
  const extents = frameExtents(view.projection3d, 3).map(niceExtent);
  const paths = buildPaths(view, { dims: 3, colourBy: input.colourBy, upTo: input.upTo, probeName: input.probeName });
  const visualMap = { ...visualMapFor(view, input.colourBy, 3, paths.maxLength, input.categoryName), seriesIndex: [0, 1], textStyle: { color: ink } };
  const axis = (d: number) => ({
    type: 'value', name: input.axisNames[d], ...extents[d],
    nameTextStyle: { color: ink, fontSize: 12, fontFamily: 'sans-serif' }, axisLabel: { textStyle: { color: ink } },
  });
  return {
    paths,
    option: {
      animation: false,
      tooltip: { formatter: (p: { value?: number[] }) => (p.value ? `${input.probeName(p.value[4])} · t = ${p.value[5] + 1}` : '') },
      visualMap,
      grid3D: {
        left: 64, right: 100, top: 0, bottom: 0,
        boxWidth: 100, boxHeight: 100, boxDepth: 100,
        axisLine: { lineStyle: { color: ink, opacity: 0.7 } },
        axisTick: { lineStyle: { color: ink, opacity: 0.5 } },
        splitLine: { lineStyle: { color: 'rgba(128, 128, 128, 0.25)' } },
        axisPointer: { show: false },
        viewControl: { ...INITIAL_VIEW, distance: 215, animation: false, rotateSensitivity: 1.2, zoomSensitivity: 0.6, panMouseButton: 'right' },
      },
      xAxis3D: axis(0),
      yAxis3D: axis(1),
      zAxis3D: axis(2),
      series: [
        { id: 'points', type: 'scatter3D', data: paths.points, symbolSize: 5 },
        { id: 'heads', type: 'scatter3D', data: paths.heads, symbolSize: 11, itemStyle: { borderColor: ink, borderWidth: 1 } },
        ...paths.lines.map((l, i) => ({ id: `path-${i}`, type: 'line3D', name: l.name, data: l.data, silent: true, lineStyle: { width: 1, color: PATH_COLOUR } })),
      ],
    },
  };
}
