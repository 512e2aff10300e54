// `rnnlab serve`: browser mode. Starts the loopback web host over the built renderer and prints its URL (with the
// access token); runs until Ctrl-C.
import type { Command } from 'commander';
import type { CliIO } from '../io';
import { parseNumberArg } from '../options';

interface ServeOptions {
  port?: number;
  renderer?: string;
}

export function registerServe(program: Command, io: CliIO): void {
  program
    .command('serve')
    .description('browser mode: serve the lab on http://127.0.0.1 and print the address to open (with its token)')
    .option('--port <n>', 'TCP port on 127.0.0.1 (default: a free one)', parseNumberArg)
    .option('--renderer <dir>', 'the built renderer (default: out/renderer of the installed package)')
    .action(async (options: ServeOptions) => {
      const { existsSync } = await import('node:fs');
      const path = await import('node:path');
      const { LabError } = await import('../../core/errors');
      const { findPackageRoot } = await import('../../core/util/package-root');
      const { startWebHost } = await import('../../web/index');
      const port = options.port ?? 0;
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new LabError(`--port: expected a whole number from 0 to 65535, found ${port}`);
      }
      const root = findPackageRoot();
      const rendererDir = options.renderer ?? (root ? path.join(root, 'out', 'renderer') : null);
      if (!rendererDir || !existsSync(path.join(rendererDir, 'index.html'))) {
        throw new LabError(`the renderer is not built (expected ${rendererDir ?? 'out/renderer'}/index.html); run npm run build`);
      }
      const host = await startWebHost({ port, rendererDir });
      io.out(`RNN Lab is serving on ${host.url}\nopen that address in a browser; press Ctrl-C to stop\n`);
      await new Promise<void>((done) => {
        const stop = () => void host.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
