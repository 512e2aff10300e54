// Finding the data files bundled in resources/data: walks up from this module (source tree, out/cli bundle,
// out/main bundle) to the first folder that holds resources/data/<name>; RNNLAB_RESOURCES overrides the root
// (a packaged app points it at its resources folder).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TaskDataError } from '../errors';

export const BUNDLED_TEXT = 'recurrent-networks.txt';

export function bundledDataPath(name: string): string {
  const override = process.env.RNNLAB_RESOURCES;
  if (override) {
    const path = join(override, 'data', name);
    if (existsSync(path)) return path;
    throw new TaskDataError(`expected ${name} in RNNLAB_RESOURCES/data, found no file at ${path}`);
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < 8; level++) {
    const path = join(dir, 'resources', 'data', name);
    if (existsSync(path)) return path;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new TaskDataError(`expected the bundled file resources/data/${name} above ${fileURLToPath(import.meta.url)}, found none`);
}
