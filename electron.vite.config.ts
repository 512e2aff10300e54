// Builds the Electron bundles: the main process with everything it starts beside it in out/main (the compute-process
// entry compute.mjs and the workers it runs, train-worker.mjs and onnx-worker.mjs, found next to the running bundle
// by core/util/worker-script.ts), the sandboxed preload (CommonJS) and the Vue renderer (with its CSP checked, and
// echarts-gl's one `new Function` rewritten so the 3-D view runs under that CSP).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';
import { noEvalInClaygl } from './scripts/vite-plugin-no-eval';

/** The policy the page must carry (file:// responses have no headers, so it is a meta tag in index.html). */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/** Fails the build when the page's CSP allows eval or a remote origin, and adds RENDERER_CSP when it has none. */
export function checkedCsp(): Plugin {
  return {
    name: 'rnnlab-checked-csp',
    transformIndexHtml(html) {
      const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i.exec(html);
      if (!meta) return html.replace(/<head>/i, `<head>\n    <meta http-equiv="Content-Security-Policy" content="${RENDERER_CSP}" />`);
      const policy = meta[1];
      if (/'unsafe-eval'|https?:|wss?:|(^|\s)\*(\s|;|$)/.test(policy)) {
        throw new Error(`src-renderer/index.html: its Content-Security-Policy must not allow eval or remote origins, found "${policy}"`);
      }
      return html;
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          compute: resolve(__dirname, 'src-main/core/compute/entry.ts'),
          'train-worker': resolve(__dirname, 'src-main/core/train/worker.ts'),
          'onnx-worker': resolve(__dirname, 'src-main/core/onnx/runtime/worker.ts'),
        },
        output: {
          format: 'es',
          // index.js is package.json's "main"; the others keep the names the core looks for.
          entryFileNames: (chunk) => (chunk.name === 'index' ? '[name].js' : '[name].mjs'),
          chunkFileNames: 'chunks/[name]-[hash].mjs',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
    plugins: [vue(), checkedCsp(), noEvalInClaygl()],
  },
});
