// `rnnlab serve`: browser mode. Starts the loopback web host over the built renderer and prints its URL (with the
// access token) and the one folder whose project and ONNX files it may open or write (--root, or the working folder).
import type { Command } from 'commander';
import type { CliIO } from '../io';
import { parseNumberArg } from '../options';

interface ServeOptions {
  port?: number;
  renderer?: string;
  root?: string;
}

export function registerServe(program: Command, io: CliIO): void {
  program
    .command('serve')
    .description('browser mode: serve the lab on http://127.0.0.1 and print the address to open (with its token)')
    .option('--port <n>', 'TCP port on 127.0.0.1 (default: a free one)', parseNumberArg)
    .option('--renderer <dir>', 'the built renderer (default: out/renderer of the installed package)')
    .option('--root <dir>', 'the only folder whose .rnnlab/.onnx files the page may open or save (default: the working folder)')
    .action(async (options: ServeOptions) => {
      const { existsSync, statSync } = await import('node:fs');
      const path = await import('node:path');
      const { LabError } = await import('../../core/errors');
      const { findPackageRoot } = await import('../../core/util/package-root');
      const { startWebHost } = await import('../../web/index');
      const port = options.port ?? 0;
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new LabError(`--port: expected a whole number from 0 to 65535, found ${port}`);
      }
      const packageRoot = findPackageRoot();
      const rendererDir = options.renderer ?? (packageRoot ? path.join(packageRoot, 'out', 'renderer') : null);
      if (!rendererDir || !existsSync(path.join(rendererDir, 'index.html'))) {
        throw new LabError(`the renderer is not built (expected ${rendererDir ?? 'out/renderer'}/index.html); run npm run build`);
      }
      const root = path.resolve(options.root ?? process.cwd());
      if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new LabError(`--root: expected a folder, found ${root}`);
      const host = await startWebHost({ port, rendererDir, root });
      io.out(
        `RNN Lab is serving on ${host.url}\nit opens and saves .rnnlab/.onnx files under ${host.root} only\n` +
          'open that address in a browser; press Ctrl-C to stop\n',
      );
      await new Promise<void>((done) => {
        const stop = () => void host.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
