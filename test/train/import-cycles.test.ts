// The core's modules import each other without cycles (value imports; `import type` is erased), and the folders
// named in issue 8 no longer import each other both ways: train <-> monitor, bench <-> onnx. A cycle makes module
// initialisation order-dependent (a value read before its module ran) and hides which layer depends on which.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../src-main/core');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) sourceFiles(file, out);
    else if (file.endsWith('.ts') && !file.endsWith('.d.ts')) out.push(file);
  }
  return out;
}

/** Each file's value imports of other core files (relative specifiers that resolve to a .ts file or folder index). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?'(\.[^']+)'/gm)) {
      if (m[1]) continue;
      const base = path.resolve(path.dirname(file), m[2]);
      const target = [`${base}.ts`, path.join(base, 'index.ts'), base].find((f) => existsSync(f) && f.endsWith('.ts'));
      if (target) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | null => {
    if (state.get(file) === 'done') return null;
    if (state.get(file) === 'visiting') return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, 'visiting');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle.map((f) => path.relative(root, f));
  }
  return null;
}

const folder = (file: string) => path.relative(root, file).split(path.sep)[0];

describe('core imports', () => {
  const graph = importGraph();

  it('have no file-level cycle', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it.each([
    ['train', 'monitor'],
    ['bench', 'onnx'],
  ])('%s and %s do not import each other both ways', (a, b) => {
    const uses = (from: string, to: string) =>
      [...graph].filter(([file, targets]) => folder(file) === from && targets.some((t) => folder(t) === to)).map(([file]) => path.relative(root, file));
    const both = uses(a, b).length > 0 && uses(b, a).length > 0;
    expect(both ? { [`${a} -> ${b}`]: uses(a, b), [`${b} -> ${a}`]: uses(b, a) } : null).toBeNull();
  });
});
