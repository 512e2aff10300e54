// Preload bridge (sandboxed, CommonJS): exposes exactly LabApi as `window.lab`, nothing else of Electron.
// `satisfies LabApi` makes any drift from the contract a compile error; ipcRenderer itself never leaves this file.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  eventChannel, LAB_EVENTS, methodChannel, type LabApi, type LabEventPayload, type LabMethod, type LabSubscription,
  type Unsubscribe,
} from '../api/lab-api';

function invoke<M extends LabMethod>(method: M, ...args: Parameters<LabApi[M]>): ReturnType<LabApi[M]> {
  return ipcRenderer.invoke(methodChannel(method), ...args) as ReturnType<LabApi[M]>;
}

/** A subscription whose listener gets the payload only: the Electron event never reaches the page. */
function subscribe<S extends LabSubscription>(subscription: S) {
  const channel = eventChannel(LAB_EVENTS[subscription]);
  return (listener: (payload: LabEventPayload<S>) => void): Unsubscribe => {
    const handler = (_event: IpcRendererEvent, payload: LabEventPayload<S>) => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => void ipcRenderer.removeListener(channel, handler);
  };
}

const api = {
  engineInfo: () => invoke('engineInfo'),
  newProject: (request) => invoke('newProject', request),
  openProject: (path) => invoke('openProject', path),
  saveProject: (path) => invoke('saveProject', path),
  describeProject: () => invoke('describeProject'),
  listExamples: () => invoke('listExamples'),
  openExample: (id) => invoke('openExample', id),
  evaluate: (request) => invoke('evaluate', request),
  onProjectChanged: subscribe('onProjectChanged'),
} satisfies LabApi;

contextBridge.exposeInMainWorld('lab', api);
