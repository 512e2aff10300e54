// LabApi over HTTP for browser mode (`rnnlab serve`): POST /api/call/<method> per request, one shared
// Server-Sent Events stream (/api/events) for both subscriptions, and the file actions done in the page
// (upload and download, http-files.ts). Same contract as the Electron preload bridge.
import {
  LAB_EVENTS, type LabApi, type LabCoreApi, type LabEventPayload, type LabMethod, type LabSubscription, type Result,
  type Unsubscribe,
} from '../../../src-main/api/lab-api';
import { httpFileActions } from './http-files';
import { browserFiles, type PageFiles } from './page-files';

export function httpLab(baseUrl: string, token: string, files?: PageFiles): LabApi {
  async function call<M extends LabMethod>(method: M, ...args: Parameters<LabApi[M]>): Promise<Result<never>> {
    // JSON has no `undefined`: drop trailing absent arguments instead of sending them as null.
    const sent: unknown[] = [...args];
    while (sent.length && sent[sent.length - 1] === undefined) sent.pop();
    try {
      const response = await fetch(`${baseUrl}/api/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rnnlab-token': token },
        body: JSON.stringify({ args: sent }),
      });
      const body: unknown = await response.json().catch(() => null);
      if (isResult(body)) return body as Result<never>;
      return { ok: false, error: `${method}: the lab answered something that is not a result (HTTP ${response.status})`, code: 'lab-bad-answer', params: { method, status: response.status } };
    } catch (error) {
      return { ok: false, error: `cannot reach the lab at ${baseUrl}: ${error instanceof Error ? error.message : String(error)}`, code: 'lab-unreachable', params: { url: baseUrl } };
    }
  }

  let events: EventSource | null = null;
  let listening = 0;
  function subscribe<S extends LabSubscription>(subscription: S) {
    return (listener: (payload: LabEventPayload<S>) => void): Unsubscribe => {
      // EventSource reconnects by itself (the server may close a stream whose reader fell far behind).
      events ??= new EventSource(`${baseUrl}/api/events?token=${encodeURIComponent(token)}`);
      const source = events;
      const handler = (message: MessageEvent<string>) => {
        let payload: LabEventPayload<S>;
        try {
          payload = JSON.parse(message.data) as LabEventPayload<S>;
        } catch {
          return;
        }
        listener(payload);
      };
      source.addEventListener(LAB_EVENTS[subscription], handler);
      listening++;
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        source.removeEventListener(LAB_EVENTS[subscription], handler);
        if (--listening === 0) {
          source.close();
          events = null;
        }
      };
    };
  }

  const core = {
    engineInfo: () => call('engineInfo'),
    restartCompute: () => call('restartCompute'),
    newProject: (request) => call('newProject', request),
    openProject: (path) => call('openProject', path),
    openProjectBytes: (file) => call('openProjectBytes', file),
    saveProject: (path) => call('saveProject', path),
    projectBytes: () => call('projectBytes'),
    describeProject: () => call('describeProject'),
    listRecentProjects: () => call('listRecentProjects'),
    listRecoveries: () => call('listRecoveries'),
    restoreRecovery: (id) => call('restoreRecovery', id),
    discardRecovery: (id) => call('discardRecovery', id),
    listExamples: () => call('listExamples'),
    openExample: (id) => call('openExample', id),
    checkSpec: (spec) => call('checkSpec', spec),
    updateSpec: (spec) => call('updateSpec', spec),
    resetWeights: (seed) => call('resetWeights', seed),
    undo: () => call('undo'),
    redo: () => call('redo'),
    listTasks: () => call('listTasks'),
    setTask: (request) => call('setTask', request),
    previewTask: (request) => call('previewTask', request),
    previewCsv: (request) => call('previewCsv', request),
    getSettings: () => call('getSettings'),
    updateSettings: (patch) => call('updateSettings', patch),
    startTraining: (options) => call('startTraining', options),
    pauseTraining: () => call('pauseTraining'),
    resumeTraining: () => call('resumeTraining'),
    stepTraining: (count) => call('stepTraining', count),
    stopTraining: () => call('stopTraining'),
    trainingStatus: () => call('trainingStatus'),
    listRuns: () => call('listRuns'),
    getRun: (id) => call('getRun', id),
    applyRemedy: (action) => call('applyRemedy', action),
    trajectories: (request) => call('trajectories', request),
    inspect: (request) => call('inspect', request),
    sampleText: (request) => call('sampleText', request),
    predictSeries: (split) => call('predictSeries', split),
    evaluate: (request) => call('evaluate', request),
    exportOnnx: (options) => call('exportOnnx', options),
    openOnnx: (path) => call('openOnnx', path),
    openOnnxBytes: (file) => call('openOnnxBytes', file),
    onnxBytes: (modelId) => call('onnxBytes', modelId),
    runOnnx: (request) => call('runOnnx', request),
    cancelOnnxRun: () => call('cancelOnnxRun'),
    importOnnx: (modelId) => call('importOnnx', modelId),
    onProjectChanged: subscribe('onProjectChanged'),
    onTrainingEvent: subscribe('onTrainingEvent'),
  } satisfies LabCoreApi;
  // The page's files are created lazily: in Node (tests) there is no document until a file action is used.
  const actions = httpFileActions(core, files ?? lazyBrowserFiles());
  return { ...core, ...actions } satisfies LabApi;
}

function lazyBrowserFiles(): PageFiles {
  let files: PageFiles | null = null;
  const get = () => (files ??= browserFiles());
  return { pick: (accept) => get().pick(accept), download: (name, bytes, type) => get().download(name, bytes, type) };
}

function isResult(value: unknown): value is Result<unknown> {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === true || (v.ok === false && typeof v.error === 'string');
}
