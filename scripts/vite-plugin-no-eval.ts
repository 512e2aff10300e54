// A Vite plugin for the renderer build: claygl (echarts-gl's 3-D engine) compiles its compositor's size expressions
// ('expr(width * 1.0 / 2)') with `new Function`, which the app's Content-Security-Policy (no eval) refuses. This
// rewrites that one call into a small arithmetic evaluator (views/trajectories/claygl-size-expression.ts), and fails
// the build if claygl's code no longer looks as expected or if any chunk of the bundle still compiles code at run time.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/** The module claygl's compositor is rewritten to call, relative to the renderer's root (src-renderer). */
export const SIZE_EXPRESSION_MODULE = 'src/views/trajectories/claygl-size-expression.ts';

const COMPOSITOR = /[\\/]claygl[\\/]src[\\/]createCompositor\.js$/;
const EVAL_IN_BUNDLE = /\bnew Function\(|(?<![.\w])eval\(/;
const EVAL_CALL = /new Function\(\s*'width'\s*,\s*'height'\s*,\s*'dpr'\s*,\s*'return '\s*\+\s*(\w+)\[1\]\s*\)/;

/** Whether a chunk of JavaScript compiles code from strings (new Function, a direct eval): the CSP would refuse it. */
export function compilesCodeAtRunTime(code: string): boolean {
  return EVAL_IN_BUNDLE.test(code);
}

/** claygl's createCompositor.js with its `new Function` replaced by compileSizeExpression; throws if it is not there. */
export function rewriteCompositor(code: string, evaluatorPath: string): string {
  const match = EVAL_CALL.exec(code);
  if (!match) {
    throw new Error("claygl/src/createCompositor.js: its size-expression `new Function` was not found; update scripts/vite-plugin-no-eval.ts for this claygl version");
  }
  const rewritten = code.replace(EVAL_CALL, `__rnnlabCompileSizeExpression(${match[1]}[1])`);
  if (compilesCodeAtRunTime(rewritten)) throw new Error('claygl/src/createCompositor.js: more than one eval left; update scripts/vite-plugin-no-eval.ts');
  return `import { compileSizeExpression as __rnnlabCompileSizeExpression } from ${JSON.stringify(evaluatorPath)};\n${rewritten}`;
}

export function noEvalInClaygl(): Plugin {
  let evaluatorPath = '';
  return {
    name: 'rnnlab-no-eval-in-claygl',
    enforce: 'pre',
    // In `electron-vite dev` pre-bundled dependencies skip plugins: serve these two through the plugin pipeline instead.
    config: () => ({ optimizeDeps: { exclude: ['echarts-gl', 'claygl'] } }),
    configResolved(config) {
      evaluatorPath = resolve(config.root, SIZE_EXPRESSION_MODULE);
      if (!existsSync(evaluatorPath)) throw new Error(`${evaluatorPath}: not found; the renderer's root must be src-renderer`);
    },
    transform(code, id) {
      if (!COMPOSITOR.test(id.split('?')[0])) return null;
      return { code: rewriteCompositor(code, evaluatorPath), map: null };
    },
    // The guard for the next library that compiles code at run time: the page would fail under the CSP, not here.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && compilesCodeAtRunTime(chunk.code)) {
          this.error(`${chunk.fileName}: the renderer must not compile code at run time (new Function / eval), which its Content-Security-Policy refuses`);
        }
      }
    },
  };
}
