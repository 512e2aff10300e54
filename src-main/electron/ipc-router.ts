// IPC router: one `ipcMain.handle` channel per LabApi method, and LabApi events pushed to the window.
// Adapts only: checks the sender is our renderer, passes the arguments (still unknown) to the Lab service.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  eventChannel, LAB_EVENTS, LAB_METHODS, methodChannel, type LabApi, type LabSubscription, type Result,
} from '../api/lab-api';
import { callLabMethod } from '../core/lab/dispatch';

export const FOREIGN_SENDER_ERROR = 'refused: only the RNN Lab window may call the lab';

/** Registers every method's handler; returns a function that removes them all. */
export function registerLabIpc(ipcMain: IpcMain, lab: LabApi, isTrustedFrame: (url: string | undefined) => boolean): () => void {
  for (const method of LAB_METHODS) {
    ipcMain.handle(methodChannel(method), (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Result<unknown>> => {
      if (!isTrustedFrame(event.senderFrame?.url)) return Promise.resolve({ ok: false, error: FOREIGN_SENDER_ERROR });
      return callLabMethod(lab, method, args);
    });
  }
  return () => LAB_METHODS.forEach((method) => ipcMain.removeHandler(methodChannel(method)));
}

/** Sends every LabApi event to `contents` until it is destroyed; returns the unsubscribe. */
export function forwardLabEvents(lab: LabApi, contents: WebContents): () => void {
  const subscriptions = Object.entries(LAB_EVENTS) as [LabSubscription, (typeof LAB_EVENTS)[LabSubscription]][];
  const stops = subscriptions.map(([subscription, event]) =>
    lab[subscription]((payload) => {
      if (!contents.isDestroyed()) contents.send(eventChannel(event), payload);
    }),
  );
  const stopAll = () => stops.forEach((stop) => stop());
  contents.once('destroyed', stopAll);
  return stopAll;
}
