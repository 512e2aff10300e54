// Finding the data files bundled in resources/data under the installed rnn-lab package (source tree, out/cli
// bundle, out/main bundle alike); RNNLAB_RESOURCES overrides the root (a packaged app points it at its resources
// folder).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findPackageRoot } from '../../util/package-root';
import { TaskDataError } from '../errors';

export const BUNDLED_TEXT = 'recurrent-networks.txt';

export function bundledDataPath(name: string): string {
  const override = process.env.RNNLAB_RESOURCES;
  if (override) {
    const path = join(override, 'data', name);
    if (existsSync(path)) return path;
    throw new TaskDataError(`expected ${name} in RNNLAB_RESOURCES/data, found no file at ${path}`);
  }
  const root = findPackageRoot();
  const path = root ? join(root, 'resources', 'data', name) : null;
  if (path && existsSync(path)) return path;
  throw new TaskDataError(`expected the bundled file resources/data/${name} in the rnn-lab package, found ${path ? `no file at ${path}` : 'no package root'}`);
}
