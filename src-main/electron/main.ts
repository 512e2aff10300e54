// Electron main process: the desktop host. Creates the Lab service, routes IPC to it, opens the window and menu.
// Thin on purpose: everything the lab does lives in the core (src-main/core), shared with the CLI and web hosts.
import { app, BrowserWindow, ipcMain, Menu } from 'electron';
import { LabService } from '../core/lab/lab-service';
import { forwardLabEvents, registerLabIpc } from './ipc-router';
import { buildAppMenu } from './menu';
import { isRendererUrl, preloadPath, rendererLocation, type RendererLocation } from './renderer-location';
import { createMainWindow } from './window';

export interface ElectronHost {
  lab: LabService;
  window: () => BrowserWindow | null;
}

export async function startElectronHost(): Promise<ElectronHost> {
  await app.whenReady();
  const lab = new LabService();
  const appPath = app.getAppPath();
  const location = rendererLocation(appPath, process.env.ELECTRON_RENDERER_URL, app.isPackaged);
  registerLabIpc(ipcMain, lab, (url) => isRendererUrl(url, location));
  let window: BrowserWindow | null = openWindow(lab, preloadPath(appPath), location);
  const currentWindow = () => (window && !window.isDestroyed() ? window : null);
  Menu.setApplicationMenu(buildAppMenu(lab, currentWindow));
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open opens one again.
    if (BrowserWindow.getAllWindows().length === 0) window = openWindow(lab, preloadPath(appPath), location);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  return { lab, window: currentWindow };
}

function openWindow(lab: LabService, preload: string, location: RendererLocation): BrowserWindow {
  const window = createMainWindow(preload, location);
  forwardLabEvents(lab, window.webContents);
  return window;
}

export const hostStarted: Promise<ElectronHost | null> = startElectronHost().catch((error: unknown) => {
  console.error(`rnnlab: could not start the desktop app: ${error instanceof Error ? error.message : String(error)}`);
  app.quit();
  return null;
});
