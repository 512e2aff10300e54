// Electron main process: the desktop host. Creates the Lab service (compute in a utilityProcess, data in the
// user-data folder), routes IPC to it and to the native file dialogs, opens the window and the menu, and handles
// what the OS hands over (a project on the command line, macOS open-file, a second launch). Logic lives in the core.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, utilityProcess } from 'electron';
import type { LabFileActions } from '../api/lab-api';
import { LabService } from '../core/lab/lab-service';
import { electronComputeFactory } from './compute-process';
import { electronFileActions } from './file-actions';
import { forwardLabEvents, registerLabIpc } from './ipc-router';
import { LaunchQueue, projectArgument } from './launch-files';
import { buildAppMenu } from './menu';
import { offerRecovery } from './recovery-prompt';
import { isRendererUrl, preloadPath, rendererLocation } from './renderer-location';
import { hardenApp, hardenSession } from './security';
import { confirmDiscard } from './unsaved-guard';
import { createMainWindow } from './window';

export interface ElectronHost {
  lab: LabService;
  files: LabFileActions;
  window: () => BrowserWindow | null;
  /** Paths handed over by the OS, opened one at a time. */
  launch: LaunchQueue;
  /** Settles when start-up questions (recovery copy) have been answered. */
  startup: Promise<unknown>;
}

export async function startElectronHost(): Promise<ElectronHost | null> {
  // A second launch hands its arguments to the first instance ('second-instance') and quits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  const launch = new LaunchQueue();
  let window: BrowserWindow | null = null;
  const currentWindow = () => (window && !window.isDestroyed() ? window : null);
  const focus = () => {
    const current = currentWindow();
    if (current?.isMinimized()) current.restore();
    current?.focus();
  };
  // macOS: double-clicking a project (possibly before the app is ready) arrives as open-file.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    launch.push(path);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focus();
    const path = projectArgument(argv, workingDirectory);
    if (path) launch.push(path);
  });
  hardenApp(app, shell);

  await app.whenReady();
  hardenSession(session.defaultSession);
  const mainDir = dirname(fileURLToPath(import.meta.url));
  const lab = new LabService({ dataDir: app.getPath('userData'), compute: electronComputeFactory(utilityProcess.fork, mainDir) });
  const files = electronFileActions(lab, { dialog, window: currentWindow });
  const guard = { lab, files, dialog, window: currentWindow };
  const appPath = app.getAppPath();
  const location = rendererLocation(appPath, process.env.ELECTRON_RENDERER_URL, app.isPackaged);
  registerLabIpc(ipcMain, lab, files, (url) => isRendererUrl(url, location));

  let quitting = false;
  app.on('before-quit', () => (quitting = true));
  const icon = join(appPath, 'resources', 'icons', 'rnnlab.png');
  const openWindow = () => {
    window = createMainWindow({
      preload: preloadPath(appPath),
      location,
      icon: existsSync(icon) ? icon : undefined,
      mayClose: () => confirmDiscard(guard),
      // On macOS closing the last window keeps the app; a confirmed close during Cmd+Q finishes the quit.
      closed: () => quitting && app.quit(),
    });
    forwardLabEvents(lab, window.webContents);
  };
  openWindow();
  Menu.setApplicationMenu(buildAppMenu({ window: currentWindow, platform: process.platform, packaged: app.isPackaged }));
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open opens one again.
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    lab.files.dispose();
    lab.dispose();
  });

  const initial = projectArgument(process.argv.slice(1), process.cwd());
  if (initial) launch.push(initial);
  const handedFile = launch.waiting > 0;
  launch.ready(async (path) => {
    focus();
    if (!(await confirmDiscard(guard))) return;
    const opened = await lab.openProject(path);
    if (!opened.ok) dialog.showErrorBox('Could not open the project', opened.error);
  });
  // A file the user asked for wins over an old recovery copy; the copy stays listed for later.
  const startup = handedFile ? launch.idle() : offerRecovery(lab, dialog, currentWindow());
  return { lab, files, window: currentWindow, launch, startup };
}

export const hostStarted: Promise<ElectronHost | null> = startElectronHost().catch((error: unknown) => {
  console.error(`rnnlab: could not start the desktop app: ${error instanceof Error ? error.message : String(error)}`);
  app.quit();
  return null;
});
