// Where the built app's pieces live, and whether a frame URL is our renderer page.
// IPC handlers use `isRendererUrl` to refuse calls from any other page (an iframe, a navigated-away window).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type RendererLocation = { kind: 'file'; file: string } | { kind: 'url'; url: string };

/** The sandboxed preload bundle; `appPath` is `app.getAppPath()`, the folder holding package.json (or the asar). */
export function preloadPath(appPath: string): string {
  return join(appPath, 'out', 'preload', 'index.cjs');
}

/** The dev server URL that `electron-vite dev` sets (unpackaged only), or the built index.html. */
export function rendererLocation(appPath: string, devServerUrl: string | undefined, packaged: boolean): RendererLocation {
  if (devServerUrl && !packaged) return { kind: 'url', url: devServerUrl };
  return { kind: 'file', file: join(appPath, 'out', 'renderer', 'index.html') };
}

/** True only for the renderer's own page: the same file (any #hash or ?query) or the dev server's origin. */
export function isRendererUrl(frameUrl: string | undefined, location: RendererLocation): boolean {
  if (!frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (location.kind === 'url') return url.origin === new URL(location.url).origin;
  if (url.protocol !== 'file:') return false;
  url.hash = '';
  url.search = '';
  return fileURLToPath(url) === location.file;
}
