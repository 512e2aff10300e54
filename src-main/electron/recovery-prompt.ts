// At start-up, offers the newest crash-recovery copy (written every minute while a project had unsaved changes):
// Restore / Discard / Not Now. Older copies stay listed for the renderer (listRecoveries).
import type { BrowserWindow, Dialog } from 'electron';
import type { LabCoreApi } from '../api/lab-api';

export async function offerRecovery(
  lab: LabCoreApi,
  dialog: Pick<Dialog, 'showMessageBox' | 'showErrorBox'>,
  window: BrowserWindow | null,
): Promise<'restored' | 'discarded' | 'kept' | 'none'> {
  const copies = await lab.listRecoveries();
  if (!copies.ok || copies.value.length === 0) return 'none';
  const newest = [...copies.value].sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0];
  const options = {
    type: 'question' as const,
    buttons: ['Restore', 'Discard', 'Not Now'],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
    message: `RNN Lab kept unsaved work from an earlier session: “${newest.name}”.`,
    detail: `The recovery copy was written at ${new Date(newest.savedAt).toLocaleString()}${newest.path ? ` (project file: ${newest.path})` : ''}. Restore it?`,
  };
  const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  if (response === 0) {
    const restored = await lab.restoreRecovery(newest.id);
    if (!restored.ok) dialog.showErrorBox('Could not restore the recovery copy', restored.error);
    return restored.ok ? 'restored' : 'kept';
  }
  if (response === 1) {
    await lab.discardRecovery(newest.id);
    return 'discarded';
  }
  return 'kept';
}
