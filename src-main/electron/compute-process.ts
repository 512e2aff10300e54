// The compute process of the desktop app: Electron's utilityProcess running the compute entry (out/main/compute.mjs,
// built beside the main bundle), plugged into the core's ComputeClient through its utilityProcess adapter.
import { join } from 'node:path';
import type { ForkOptions, UtilityProcess } from 'electron';
import { utilityChannelFactory } from '../core/compute/utility-channel';
import type { ChannelFactory } from '../core/compute/protocol';

/** Built by electron.vite.config.ts next to out/main/index.js. */
export const COMPUTE_ENTRY = 'compute.mjs';

export type UtilityFork = (modulePath: string, args?: string[], options?: ForkOptions) => UtilityProcess;

/** `mainDir`: the folder of the running main bundle (out/main, inside app.asar when packaged: utilityProcess reads asar). */
export function electronComputeFactory(fork: UtilityFork, mainDir: string): ChannelFactory {
  const script = join(mainDir, COMPUTE_ENTRY);
  return utilityChannelFactory(() => fork(script, [], { serviceName: 'RNN Lab compute', stdio: 'inherit' }));
}
