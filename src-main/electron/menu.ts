// The application menu: File > Open / Save / Save As / Quit with native dialogs, plus the standard Edit and View.
// Each item only asks the Lab service; the window hears the result through LabApi.onProjectChanged.
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { LabApi, Result } from '../api/lab-api';

const PROJECT_FILTERS = [{ name: 'RNN Lab project', extensions: ['rnnlab'] }];

export function buildAppMenu(lab: LabApi, window: () => BrowserWindow | null): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => void openWithDialog(lab, window()) },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => void save(lab, window(), false) },
        { label: 'Save As…', accelerator: 'Shift+CmdOrCtrl+S', click: () => void save(lab, window(), true) },
        { type: 'separator' },
        { label: 'Quit', accelerator: 'CmdOrCtrl+Q', click: () => app.quit() },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

export async function openWithDialog(lab: LabApi, window: BrowserWindow | null): Promise<void> {
  const options = { title: 'Open project', filters: PROJECT_FILTERS, properties: ['openFile' as const] };
  const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  if (choice.canceled || choice.filePaths.length === 0) return;
  report('Could not open the project', await lab.openProject(choice.filePaths[0]));
}

export async function save(lab: LabApi, window: BrowserWindow | null, askForPath: boolean): Promise<void> {
  const current = await lab.describeProject();
  if (!current.ok) return report('Nothing to save', current);
  let path = askForPath ? null : current.value.path;
  if (path === null) {
    const options = { title: 'Save project', defaultPath: `${current.value.name}.rnnlab`, filters: PROJECT_FILTERS };
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return;
    path = choice.filePath;
  }
  report('Could not save the project', await lab.saveProject(path));
}

function report(title: string, result: Result<unknown>): void {
  if (!result.ok) dialog.showErrorBox(title, result.error);
}
