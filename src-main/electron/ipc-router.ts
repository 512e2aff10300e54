// IPC router: one `ipcMain.handle` channel per LabApi method and file action, and LabApi events pushed to the window.
// Adapts only: checks the sender is our renderer, passes the arguments (still unknown) to the service or the dialogs.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  eventChannel, FILE_ACTIONS, LAB_EVENTS, LAB_METHODS, methodChannel, type FileAction, type LabCoreApi,
  type LabFileActions, type LabMethod, type LabSubscription, type Result,
} from '../api/lab-api';
import { callLabMethod } from '../core/lab/dispatch';
import { failure } from '../core/lab/results';

export const FOREIGN_SENDER_ERROR = 'refused: only the RNN Lab window may call the lab';
/** No file action takes more than one argument. */
const MAX_ACTION_ARGUMENTS = 1;

/** Registers every method's and file action's handler; returns a function that removes them all. */
export function registerLabIpc(
  ipcMain: IpcMain,
  lab: LabCoreApi,
  files: LabFileActions,
  isTrustedFrame: (url: string | undefined) => boolean,
): () => void {
  const channels: (LabMethod | FileAction)[] = [...LAB_METHODS, ...FILE_ACTIONS];
  for (const method of LAB_METHODS) {
    ipcMain.handle(methodChannel(method), (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Result<unknown>> => {
      if (!isTrustedFrame(event.senderFrame?.url)) return Promise.resolve({ ok: false, error: FOREIGN_SENDER_ERROR });
      return callLabMethod(lab, method, args);
    });
  }
  for (const action of FILE_ACTIONS) {
    ipcMain.handle(methodChannel(action), (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Result<unknown>> => {
      if (!isTrustedFrame(event.senderFrame?.url)) return Promise.resolve({ ok: false, error: FOREIGN_SENDER_ERROR });
      return callFileAction(files, action, args);
    });
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(methodChannel(channel)));
}

async function callFileAction(files: LabFileActions, action: FileAction, args: unknown[]): Promise<Result<unknown>> {
  if (args.length > MAX_ACTION_ARGUMENTS) return { ok: false, error: `${action}: expected at most ${MAX_ACTION_ARGUMENTS} argument` };
  try {
    const call = files[action] as (...values: unknown[]) => Promise<Result<unknown>>;
    return await call.apply(files, args);
  } catch (error) {
    return failure(error);
  }
}

/** Sends every LabApi event to `contents` until it is destroyed; returns the unsubscribe. */
export function forwardLabEvents(lab: LabCoreApi, contents: WebContents): () => void {
  const subscriptions = Object.entries(LAB_EVENTS) as [LabSubscription, (typeof LAB_EVENTS)[LabSubscription]][];
  const stops = subscriptions.map(([subscription, event]) =>
    lab[subscription]((payload: unknown) => {
      if (!contents.isDestroyed()) contents.send(eventChannel(event), payload);
    }),
  );
  const stopAll = () => stops.forEach((stop) => stop());
  contents.once('destroyed', stopAll);
  return stopAll;
}
