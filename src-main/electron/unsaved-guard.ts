// Asks before unsaved work is dropped (closing the window, opening another project from the OS):
// Save (through the same Save dialog as the menu) / Don't Save / Cancel. True means "go ahead".
import type { BrowserWindow, Dialog } from 'electron';
import type { LabCoreApi, LabFileActions } from '../api/lab-api';

export interface GuardHost {
  lab: LabCoreApi;
  files: LabFileActions;
  dialog: Pick<Dialog, 'showMessageBox' | 'showErrorBox'>;
  window: () => BrowserWindow | null;
}

export async function confirmDiscard(host: GuardHost): Promise<boolean> {
  const current = await host.lab.describeProject();
  if (!current.ok || !current.value.unsaved) return true;
  const options = {
    type: 'warning' as const,
    buttons: ['Save', "Don't Save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `Save the changes to “${current.value.name}”?`,
    detail: 'Your changes will be lost if you do not save them.',
  };
  const window = host.window();
  const { response } = window ? await host.dialog.showMessageBox(window, options) : await host.dialog.showMessageBox(options);
  if (response === 1) return true;
  if (response !== 0) return false;
  const saved = await host.files.saveProjectDialog(false);
  if (!saved.ok) host.dialog.showErrorBox('Could not save the project', saved.error);
  return saved.ok && saved.value !== null;
}
