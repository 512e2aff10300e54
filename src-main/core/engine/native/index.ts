// The native engine's entry: load the kernel addon once per process (or from an explicit path, for tests) and
// wrap it in the Engine contract. When the addon is missing or broken the result carries the reason.
import { loadAddon } from './addon';
import { createNativeEngine, type NativeEngine } from './engine';

export type { NativeEngine } from './engine';
export { findAddonPath } from './addon';

export type NativeLoad = { ok: true; engine: NativeEngine; path: string } | { ok: false; reason: string };

let cached: NativeLoad | null = null;

/** The native engine, or why it is unavailable. The default location is loaded once and remembered. */
export function loadNativeEngine(addonPath?: string): NativeLoad {
  if (addonPath === undefined && cached) return cached;
  const loaded = loadAddon(addonPath);
  const result: NativeLoad = loaded.ok
    ? { ok: true, engine: createNativeEngine(loaded.addon), path: loaded.path }
    : { ok: false, reason: loaded.reason };
  if (addonPath === undefined) cached = result;
  return result;
}
