// The main window: a sandboxed, context-isolated renderer whose only door to the lab is the preload's `window.lab`.
import { BrowserWindow, shell, type BrowserWindowConstructorOptions } from 'electron';
import type { RendererLocation } from './renderer-location';

export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    title: 'RNN Lab',
    show: false,
    webPreferences: { preload, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
  };
}

export function createMainWindow(preload: string, location: RendererLocation): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preload));
  window.once('ready-to-show', () => window.show());
  // The window shows our page and nothing else: https links open in the user's browser, navigation away is refused.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  if (location.kind === 'url') void window.loadURL(location.url);
  else void window.loadFile(location.file);
  return window;
}
