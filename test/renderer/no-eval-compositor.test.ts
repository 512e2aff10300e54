// The renderer build's answer to claygl's `new Function` (scripts/vite-plugin-no-eval.ts): every size expression in
// echarts-gl's compositor files evaluates as JavaScript would, bad expressions are refused with a message, and the
// rewritten claygl module has no eval left.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilesCodeAtRunTime, rewriteCompositor, SIZE_EXPRESSION_MODULE } from '../../scripts/vite-plugin-no-eval';
import { compileSizeExpression } from '../../src-renderer/src/views/trajectories/claygl-size-expression';

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const echartsGlLib = join(dirname(require.resolve('echarts-gl/package.json')), 'lib');
const clayglCompositor = join(dirname(require.resolve('claygl/package.json')), 'src', 'createCompositor.js');

/** Every 'expr(...)' string in echarts-gl's JavaScript (the post-processing pipelines in lib/effect). */
function echartsGlExpressions(dir = echartsGlLib): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...echartsGlExpressions(path));
    else if (entry.name.endsWith('.js')) {
      for (const m of readFileSync(path, 'utf8').matchAll(/(['"])expr\((.*?)\)\1/g)) found.push(m[2]);
    }
  }
  return found;
}

describe('compileSizeExpression', () => {
  const expressions = [...new Set(echartsGlExpressions())];

  it('finds the expressions of echarts-gl composite files', () => {
    expect(expressions.length).toBeGreaterThan(20);
    expect(expressions).toContain('[width * dpr / 4, height * dpr / 4]');
  });

  it('evaluates every one of them as JavaScript does', () => {
    for (const source of expressions) {
      // The reference is what claygl did; allowed here, in Node, never in the page.
      const reference = new Function('width', 'height', 'dpr', `return ${source}`) as (w: number, h: number, d: number) => unknown;
      const compiled = compileSizeExpression(source);
      for (const [w, h, d] of [[1, 1, 1], [1360, 460, 2], [733, 411, 1.25]]) {
        expect(compiled(w, h, d), source).toEqual(reference(w, h, d));
      }
    }
  });

  it('keeps arithmetic precedence, unary minus and parentheses', () => {
    expect(compileSizeExpression('width - height / 2 * 3')(10, 4, 1)).toBe(4);
    expect(compileSizeExpression('-(width + 2) * dpr')(10, 0, 2)).toBe(-24);
    expect(compileSizeExpression(' .5 * height ')(0, 8, 1)).toBe(4);
  });

  it('refuses anything that is not size arithmetic, saying what it met', () => {
    expect(() => compileSizeExpression('alert(1)')).toThrow(/Invalid expression: unknown name "alert"/);
    expect(() => compileSizeExpression('width; fetch')).toThrow(/Invalid expression: unexpected ";"/);
    expect(() => compileSizeExpression('[width, height')).toThrow(/missing "\]"/);
    expect(() => compileSizeExpression('(width')).toThrow(/missing "\)"/);
    expect(() => compileSizeExpression('width *')).toThrow(/unexpected end/);
    expect(() => compileSizeExpression('width height')).toThrow(/unexpected "height"/);
  });
});

describe('rewriteCompositor', () => {
  const source = readFileSync(clayglCompositor, 'utf8');

  it('replaces claygl\'s new Function with the evaluator and leaves no eval', () => {
    expect(source).toContain('new Function(');
    const evaluator = join(repo, 'src-renderer', SIZE_EXPRESSION_MODULE);
    expect(existsSync(evaluator)).toBe(true);
    const out = rewriteCompositor(source, evaluator);
    expect(compilesCodeAtRunTime(source)).toBe(true);
    expect(compilesCodeAtRunTime(out)).toBe(false);
    expect(out).not.toMatch(/new Function|\beval\(/);
    expect(out).toContain(`from ${JSON.stringify(evaluator)}`);
    expect(out).toContain('__rnnlabCompileSizeExpression(exprRes[1])');
  });

  it('tells code that compiles strings from code that only mentions eval', () => {
    expect(compilesCodeAtRunTime('var f = new Function("a", "return a")')).toBe(true);
    expect(compilesCodeAtRunTime('return eval(src)')).toBe(true);
    expect(compilesCodeAtRunTime('obj.eval(x); retrieval(y); var evaluate = 1')).toBe(false);
  });

  it('fails the build when claygl changed and the call is not found', () => {
    expect(() => rewriteCompositor('export default 1;', 'x.ts')).toThrow(/was not found/);
  });
});
