// A Vite plugin for the renderer build: claygl (echarts-gl's 3-D engine) compiles its compositor's size expressions
// ('expr(width * 1.0 / 2)') with `new Function`, which the app's Content-Security-Policy (no eval) refuses. This
// rewrites that one call into a small arithmetic evaluator (views/trajectories/claygl-size-expression.ts), and fails
// the build if claygl's code no longer looks as expected or if any chunk of the bundle still compiles code at run time.
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/** The module claygl's compositor is rewritten to call. */
export const SIZE_EXPRESSION_MODULE = fileURLToPath(
  new URL('../src-renderer/src/views/trajectories/claygl-size-expression.ts', import.meta.url),
);

const COMPOSITOR = /[\\/]claygl[\\/]src[\\/]createCompositor\.js$/;
const EVAL_IN_BUNDLE = /\bnew Function\(|(?<![.\w])eval\(/;
const EVAL_CALL = /new Function\(\s*'width'\s*,\s*'height'\s*,\s*'dpr'\s*,\s*'return '\s*\+\s*(\w+)\[1\]\s*\)/;

/** claygl's createCompositor.js with its `new Function` replaced by compileSizeExpression; throws if it is not there. */
export function rewriteCompositor(code: string): string {
  const match = EVAL_CALL.exec(code);
  if (!match) {
    throw new Error("claygl/src/createCompositor.js: its size-expression `new Function` was not found; update scripts/vite-plugin-no-eval.ts for this claygl version");
  }
  const rewritten = code.replace(EVAL_CALL, `__rnnlabCompileSizeExpression(${match[1]}[1])`);
  if (/new Function|\beval\(/.test(rewritten)) throw new Error('claygl/src/createCompositor.js: more than one eval left; update scripts/vite-plugin-no-eval.ts');
  return `import { compileSizeExpression as __rnnlabCompileSizeExpression } from ${JSON.stringify(SIZE_EXPRESSION_MODULE)};\n${rewritten}`;
}

export function noEvalInClaygl(): Plugin {
  return {
    name: 'rnnlab-no-eval-in-claygl',
    enforce: 'pre',
    // In `electron-vite dev` pre-bundled dependencies skip plugins: serve these two through the plugin pipeline instead.
    config: () => ({ optimizeDeps: { exclude: ['echarts-gl', 'claygl'] } }),
    transform(code, id) {
      if (!COMPOSITOR.test(id.split('?')[0])) return null;
      return { code: rewriteCompositor(code), map: null };
    },
    // The guard for the next library that compiles code at run time: the page would fail under the CSP, not here.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && EVAL_IN_BUNDLE.test(chunk.code)) {
          this.error(`${chunk.fileName}: the renderer must not compile code at run time (new Function / eval), which its Content-Security-Policy refuses`);
        }
      }
    },
  };
}
