// The main window: a sandboxed, context-isolated renderer whose only door to the lab is the preload's `window.lab`.
// Closing it with unsaved changes asks first (Save / Don't Save / Cancel).
import { BrowserWindow, shell, type BrowserWindowConstructorOptions } from 'electron';
import type { RendererLocation } from './renderer-location';
import { hardenContents } from './security';

export function mainWindowOptions(preload: string, icon?: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 840,
    minWidth: 800,
    minHeight: 560,
    title: 'RNN Lab',
    show: false,
    ...(icon ? { icon } : {}),
    webPreferences: { preload, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
  };
}

export interface MainWindowOptions {
  preload: string;
  location: RendererLocation;
  icon?: string;
  /** Asked when the user closes the window; true lets it close (the project was saved or may be discarded). */
  mayClose: () => Promise<boolean>;
  /** Called after a close the user confirmed. */
  closed?: () => void;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options.preload, options.icon));
  window.once('ready-to-show', () => window.show());
  hardenContents(window.webContents, shell);
  guardClose(window, options.mayClose, options.closed);
  if (options.location.kind === 'url') void window.loadURL(options.location.url);
  else void window.loadFile(options.location.file);
  return window;
}

/** Holds the window open while `mayClose` asks; one question at a time however often close is clicked. */
export function guardClose(window: BrowserWindow, mayClose: () => Promise<boolean>, closed?: () => void): void {
  let allowed = false;
  let asking = false;
  window.on('close', (event) => {
    if (allowed) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    void mayClose()
      .catch(() => false)
      .then((ok) => {
        asking = false;
        if (!ok || window.isDestroyed()) return;
        allowed = true;
        window.close();
        closed?.();
      });
  });
}
