// The Design diagram's layout (diagram/layout.ts): its parameter table agrees with the core's for every family, every
// parameter is named by some part, and each family's special wiring (shortcut, feedback, symbol selection) is drawn.
import { describe, expect, it } from 'vitest';
import { paramLayout } from '../../src-main/core/spec/params';
import type { ModelSpec } from '../../src-main/core/spec/types';
import { layoutDiagram } from '../../src-renderer/src/diagram/layout';
import { diagramParams, type DiagramSpec } from '../../src-renderer/src/diagram/params';

const base: DiagramSpec = { arch: 'elman', input_size: 3, hidden_size: 5, output_size: 2, num_layers: 1, bidirectional: false, bias: true, shortcut: false, learn_h0: false };
const CASES: DiagramSpec[] = [
  base,
  { ...base, shortcut: true },
  { ...base, bias: false, output_size: 0 },
  { ...base, arch: 'jordan' },
  { ...base, arch: 'gated', learn_h0: true },
  { ...base, arch: 'gated', bias: false },
  { ...base, arch: 'rnn', num_layers: 2, bidirectional: true },
  { ...base, arch: 'lstm', num_layers: 3 },
  { ...base, arch: 'gru', bidirectional: true, output_size: 0 },
];

function coreSpec(s: DiagramSpec): ModelSpec {
  return {
    ...s, arch: s.arch as ModelSpec['arch'], nonlinearity: 'tanh', batch_first: true, dropout: 0, output_activation: 'none',
    init: { scheme: 'pytorch', gain: 1, spectral_radius: null, seed: 0 },
  };
}

describe('diagram parameters', () => {
  it.each(CASES)('match the core for $arch (layers $num_layers, bidirectional $bidirectional, shortcut $shortcut)', (spec) => {
    const core = paramLayout(coreSpec(spec)).map((p) => ({ name: p.name, shape: p.shape }));
    expect(diagramParams(spec)).toEqual(core);
  });

  it.each(CASES)('are each named by at least one part of the $arch diagram', (spec) => {
    const layout = layoutDiagram(spec, 3);
    const named = new Set([...layout.boxes, ...layout.arrows].flatMap((p) => p.params.map((q) => q.name)));
    expect([...named].sort()).toEqual(diagramParams(spec).map((p) => p.name).sort());
  });
});

describe('diagram layout', () => {
  const count = (spec: DiagramSpec, kind: string) => layoutDiagram(spec, 3).arrows.filter((a) => a.kind === kind).length;

  it('draws one box per time step for the input, each layer and direction, and the output', () => {
    const layout = layoutDiagram({ ...base, arch: 'lstm', num_layers: 2, bidirectional: true }, 4);
    expect(layout.boxes.filter((b) => b.kind === 'input')).toHaveLength(4);
    expect(layout.boxes.filter((b) => b.kind === 'hidden')).toHaveLength(4 * 2 * 2);
    expect(layout.boxes.filter((b) => b.kind === 'output')).toHaveLength(4);
    expect(layout.columns).toHaveLength(4);
    expect(layout.boxes.find((b) => b.kind === 'hidden')?.symbol).toBe('h, c');
  });

  it('draws recurrence between steps (plus the initial state) and none for Jordan, which feeds back its output', () => {
    expect(count(base, 'recurrent')).toBe(2);
    expect(count(base, 'initial')).toBe(1);
    expect(count({ ...base, arch: 'jordan' }, 'recurrent')).toBe(0);
    expect(count({ ...base, arch: 'jordan' }, 'feedback')).toBe(2);
    const feedback = layoutDiagram({ ...base, arch: 'jordan' }, 3).arrows.find((a) => a.kind === 'feedback');
    expect(feedback?.params).toEqual([{ name: 'weight_yh_l0', shape: [5, 2] }]);
  });

  it("draws Elman's shortcut only when enabled, with its matrix", () => {
    expect(count(base, 'shortcut')).toBe(0);
    const arrow = layoutDiagram({ ...base, shortcut: true }, 3).arrows.find((a) => a.kind === 'shortcut');
    expect(arrow?.params).toEqual([{ name: 'shortcut.weight', shape: [2, 3] }]);
  });

  it('shows the second-order net selecting its recurrent matrix by the input symbol, without input weights', () => {
    const spec = { ...base, arch: 'gated' };
    expect(count(spec, 'input')).toBe(0);
    expect(count(spec, 'select')).toBe(3);
    const select = layoutDiagram(spec, 3).arrows.find((a) => a.kind === 'select');
    expect(select?.params).toEqual([{ name: 'weight_hh', shape: [3, 5, 5] }]);
  });

  it('runs the backward direction from right to left', () => {
    const layout = layoutDiagram({ ...base, arch: 'rnn', bidirectional: true }, 3);
    const backward = layout.arrows.filter((a) => a.kind === 'recurrent' && a.params[0]?.name === 'weight_hh_l0_reverse');
    expect(backward).toHaveLength(2);
    for (const a of backward) {
      const [x0, , x1] = a.d.replace(/[ML]/g, '').trim().split(/\s+/).map(Number);
      expect(x1).toBeLessThan(x0);
    }
  });

  it('grows with layers and leaves no output row without a head', () => {
    const one = layoutDiagram({ ...base, arch: 'rnn' }, 3);
    const three = layoutDiagram({ ...base, arch: 'rnn', num_layers: 3 }, 3);
    expect(three.height).toBeGreaterThan(one.height);
    const noHead = layoutDiagram({ ...base, output_size: 0 }, 3);
    expect(noHead.boxes.some((b) => b.kind === 'output')).toBe(false);
    expect(noHead.arrows.some((a) => a.kind === 'readout')).toBe(false);
  });
});
