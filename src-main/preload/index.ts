// Preload bridge (sandboxed, CommonJS): exposes exactly LabApi (plus the host's optional onMenuAction) as
// `window.lab`. `satisfies` makes any drift from the contract a compile error; ipcRenderer never leaves this file.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  eventChannel, LAB_EVENTS, MENU_ACTION_CHANNEL, MENU_ACTIONS, methodChannel, type FileAction, type LabApi,
  type LabEventPayload, type LabHostEvents, type LabMethod, type LabSubscription, type MenuAction, type Unsubscribe,
} from '../api/lab-api';

type Callable = LabMethod | FileAction;

function invoke<M extends Callable>(method: M, ...args: Parameters<LabApi[M]>): ReturnType<LabApi[M]> {
  return ipcRenderer.invoke(methodChannel(method), ...args) as ReturnType<LabApi[M]>;
}

/** Listens on one channel; the listener gets the payload only, never the Electron event. */
function listen<T>(channel: string, accept: (payload: unknown) => payload is T, listener: (payload: T) => void): Unsubscribe {
  const handler = (_event: IpcRendererEvent, payload: unknown) => {
    if (accept(payload)) listener(payload);
  };
  ipcRenderer.on(channel, handler);
  return () => void ipcRenderer.removeListener(channel, handler);
}

const fromMain = <T>(payload: unknown): payload is T => payload !== undefined;
const subscribe = <S extends LabSubscription>(subscription: S) =>
  (listener: (payload: LabEventPayload<S>) => void): Unsubscribe =>
    listen(eventChannel(LAB_EVENTS[subscription]), fromMain<LabEventPayload<S>>, listener);
const isMenuAction = (payload: unknown): payload is MenuAction => (MENU_ACTIONS as readonly unknown[]).includes(payload);

const api = {
  engineInfo: () => invoke('engineInfo'),
  restartCompute: () => invoke('restartCompute'),
  newProject: (request) => invoke('newProject', request),
  openProject: (path) => invoke('openProject', path),
  openProjectBytes: (file) => invoke('openProjectBytes', file),
  saveProject: (path) => invoke('saveProject', path),
  projectBytes: () => invoke('projectBytes'),
  describeProject: () => invoke('describeProject'),
  listRecentProjects: () => invoke('listRecentProjects'),
  listRecoveries: () => invoke('listRecoveries'),
  restoreRecovery: (id) => invoke('restoreRecovery', id),
  discardRecovery: (id) => invoke('discardRecovery', id),
  listExamples: () => invoke('listExamples'),
  openExample: (id) => invoke('openExample', id),
  checkSpec: (spec) => invoke('checkSpec', spec),
  updateSpec: (spec) => invoke('updateSpec', spec),
  resetWeights: (seed) => invoke('resetWeights', seed),
  undo: () => invoke('undo'),
  redo: () => invoke('redo'),
  listTasks: () => invoke('listTasks'),
  setTask: (request) => invoke('setTask', request),
  previewTask: (request) => invoke('previewTask', request),
  previewCsv: (request) => invoke('previewCsv', request),
  getSettings: () => invoke('getSettings'),
  updateSettings: (patch) => invoke('updateSettings', patch),
  startTraining: (options) => invoke('startTraining', options),
  pauseTraining: () => invoke('pauseTraining'),
  resumeTraining: () => invoke('resumeTraining'),
  stepTraining: (count) => invoke('stepTraining', count),
  stopTraining: () => invoke('stopTraining'),
  trainingStatus: () => invoke('trainingStatus'),
  listRuns: () => invoke('listRuns'),
  getRun: (id) => invoke('getRun', id),
  applyRemedy: (action) => invoke('applyRemedy', action),
  trajectories: (request) => invoke('trajectories', request),
  inspect: (request) => invoke('inspect', request),
  sampleText: (request) => invoke('sampleText', request),
  predictSeries: (split) => invoke('predictSeries', split),
  evaluate: (request) => invoke('evaluate', request),
  exportOnnx: (options) => invoke('exportOnnx', options),
  openOnnx: (path) => invoke('openOnnx', path),
  openOnnxBytes: (file) => invoke('openOnnxBytes', file),
  onnxBytes: (modelId) => invoke('onnxBytes', modelId),
  runOnnx: (request) => invoke('runOnnx', request),
  cancelOnnxRun: () => invoke('cancelOnnxRun'),
  importOnnx: (modelId) => invoke('importOnnx', modelId),
  onProjectChanged: subscribe('onProjectChanged'),
  onTrainingEvent: subscribe('onTrainingEvent'),
  // File actions: the main process shows the native dialog and reads or writes the file.
  openProjectDialog: () => invoke('openProjectDialog'),
  saveProjectDialog: (saveAs) => invoke('saveProjectDialog', saveAs),
  importOnnxDialog: () => invoke('importOnnxDialog'),
  exportOnnxDialog: (options) => invoke('exportOnnxDialog', options),
  openOnnxDialog: () => invoke('openOnnxDialog'),
  openTextFileDialog: (kind) => invoke('openTextFileDialog', kind),
  saveFileDialog: (file) => invoke('saveFileDialog', file),
  // Host only: the native menu's actions.
  onMenuAction: (listener) => listen(MENU_ACTION_CHANNEL, isMenuAction, listener),
} satisfies LabApi & Required<LabHostEvents>;

contextBridge.exposeInMainWorld('lab', api);
