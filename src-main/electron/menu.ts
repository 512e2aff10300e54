// The application menu. File and Edit items send a menu action to the renderer, which runs exactly what its keyboard
// shortcut runs (Save -> saveProjectDialog, Undo -> undo, ...), so menu and shortcuts never drift apart.
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { MENU_ACTION_CHANNEL, type MenuAction } from '../api/lab-api';

export interface MenuHost {
  window: () => BrowserWindow | null;
  platform: NodeJS.Platform;
  /** Developer tools only in an unpackaged build. */
  packaged: boolean;
}

export function menuTemplate(host: MenuHost): MenuItemConstructorOptions[] {
  const send = (action: MenuAction) => () => {
    const window = host.window();
    if (window && !window.webContents.isDestroyed()) window.webContents.send(MENU_ACTION_CHANNEL, action);
  };
  const item = (label: string, action: MenuAction, accelerator?: string): MenuItemConstructorOptions =>
    ({ label, click: send(action), ...(accelerator ? { accelerator } : {}) });
  const mac = host.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      item('New Project…', 'new', 'CmdOrCtrl+N'),
      item('Open…', 'open', 'CmdOrCtrl+O'),
      { type: 'separator' },
      item('Save', 'save', 'CmdOrCtrl+S'),
      item('Save As…', 'saveAs', 'Shift+CmdOrCtrl+S'),
      { type: 'separator' },
      item('Import ONNX…', 'importOnnx'),
      item('Open ONNX Model…', 'openOnnx'),
      item('Export ONNX…', 'exportOnnx'),
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' },
    ],
  };
  // Undo/Redo undo project edits through the contract; the renderer leaves a focused text field's own undo alone.
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      item('Undo', 'undo', 'CmdOrCtrl+Z'),
      item('Redo', 'redo', mac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(host.packaged ? [] : [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
    ],
  };
  return [...(mac ? [{ role: 'appMenu' as const }] : []), file, edit, view, { role: 'windowMenu' }];
}

export function buildAppMenu(host: MenuHost): Menu {
  return Menu.buildFromTemplate(menuTemplate(host));
}
