// The renderer's HTTP transport against a real web host, in Node (fetch is global in Node 20): every request
// method reaches the Lab service and its result comes back unchanged (methods taking a path answer the served
// folder's rule), and the file actions work in the page: uploads go in as bytes, saves and exports come back as
// downloads. Subscriptions need EventSource, which Node 20 lacks; renderer.test.ts covers them in chromium.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FILE_ACTIONS, LAB_METHODS, type LabApi, type LabCoreApi, type Result } from '../../src-main/api/lab-api';
import { LabService } from '../../src-main/core/lab/lab-service';
import { newProject, parseProject, serializeProject } from '../../src-main/core/project/index';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { startWebHost, type WebHost } from '../../src-main/web/index';
import { httpFileActions, MAX_TEXT_FILE_BYTES } from '../../src-renderer/src/api/http-files';
import { httpLab } from '../../src-renderer/src/api/http-lab';
import type { PageFiles } from '../../src-renderer/src/api/page-files';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'rnnlab-http-lab-')));
let host: WebHost;
let remote: LabApi;
const locals: LabService[] = [];
beforeAll(async () => {
  host = await startWebHost({ rendererDir: '/nonexistent', root, lab: new LabService({ engine: 'reference', root }) });
});
afterAll(async () => {
  await host.close();
  locals.forEach((lab) => lab.dispose());
  rmSync(root, { recursive: true, force: true });
});

/** A page whose file picker hands over `next` and whose downloads are recorded. */
function fakePage() {
  const downloads: { fileName: string; bytes: Uint8Array; type: string }[] = [];
  let next: File | null = null;
  const page: PageFiles = {
    pick: vi.fn(async () => next),
    download: (fileName, bytes, type) => void downloads.push({ fileName, bytes, type }),
  };
  return { page, downloads, choose: (file: File | null) => (next = file) };
}

const spec = { arch: 'jordan', input_size: 2, hidden_size: 3, output_size: 2 };
type Method = (typeof LAB_METHODS)[number];
/** Every request method with arguments that are harmless (or wrong on purpose): both sides get the same sequence. */
const CALLS: Record<Method, (api: LabCoreApi) => Promise<unknown>> = {
  engineInfo: (api) => api.engineInfo(),
  restartCompute: (api) => api.restartCompute(),
  describeProject: (api) => api.describeProject(),
  newProject: (api) => api.newProject({ name: 'same', spec }),
  // An absent path must arrive absent (not as null): the answer is then "never been saved", not a type error.
  saveProject: (api) => api.saveProject(),
  projectBytes: async (api) => {
    const answer = await api.projectBytes();
    return answer.ok ? parseProject(Buffer.from(answer.value.base64, 'base64'), answer.value.fileName).name : answer;
  },
  openProject: (api) => api.openProject(''),
  openProjectBytes: (api) => api.openProjectBytes({ fileName: 'x.rnnlab', base64: 'e30=' }),
  listRecentProjects: (api) => api.listRecentProjects(),
  listRecoveries: (api) => api.listRecoveries(),
  restoreRecovery: (api) => api.restoreRecovery('nope'),
  discardRecovery: (api) => api.discardRecovery('nope'),
  listExamples: (api) => api.listExamples(),
  openExample: (api) => api.openExample('no-such-example'),
  checkSpec: (api) => api.checkSpec({ arch: 'rnn', input_size: 1, hidden_size: 2 } as never),
  updateSpec: (api) => api.updateSpec({ arch: 'nope' } as never),
  resetWeights: (api) => api.resetWeights('x' as never),
  undo: (api) => api.undo(),
  redo: (api) => api.redo(),
  listTasks: (api) => api.listTasks(),
  setTask: (api) => api.setTask({ id: 'nope' } as never),
  previewTask: (api) => api.previewTask(42 as never),
  previewCsv: (api) => api.previewCsv(42 as never),
  getSettings: (api) => api.getSettings(),
  updateSettings: (api) => api.updateSettings({ nope: 1 } as never),
  startTraining: (api) => api.startTraining({ fresh: 'yes' } as never),
  pauseTraining: (api) => api.pauseTraining(),
  resumeTraining: (api) => api.resumeTraining(),
  stepTraining: (api) => api.stepTraining(-1),
  stopTraining: (api) => api.stopTraining(),
  trainingStatus: (api) => api.trainingStatus(),
  listRuns: (api) => api.listRuns(),
  getRun: (api) => api.getRun('nope'),
  applyRemedy: (api) => api.applyRemedy({ kind: 'nope' } as never),
  trajectories: (api) => api.trajectories(42 as never),
  inspect: (api) => api.inspect(42 as never),
  sampleText: (api) => api.sampleText(42 as never),
  predictSeries: (api) => api.predictSeries('nope' as never),
  evaluate: (api) => api.evaluate({ x: [[[1, 0], [0, 1]]], y0: [[0.5, -0.5]] }),
  exportOnnx: (api) => api.exportOnnx({ initialState: 'x' } as never),
  openOnnx: (api) => api.openOnnx(''),
  openOnnxBytes: (api) => api.openOnnxBytes({ fileName: 'm.onnx', base64: '' }),
  onnxBytes: (api) => api.onnxBytes('nope'),
  runOnnx: (api) => api.runOnnx(42 as never),
  cancelOnnxRun: (api) => api.cancelOnnxRun(),
  importOnnx: (api) => api.importOnnx('nope'),
};
/** Methods whose path argument browser mode checks against its root before the service sees it. */
const ROOTED = new Set<Method>(['openProject', 'openOnnx']);

describe('httpLab', () => {
  beforeAll(() => {
    remote = httpLab(`http://127.0.0.1:${host.port}`, host.token, fakePage().page);
  });

  it('answers each request method exactly as the Lab service does', async () => {
    expect(Object.keys(CALLS).sort()).toEqual([...LAB_METHODS].sort());
    const local = new LabService({ engine: 'reference' });
    locals.push(local);
    for (const method of Object.keys(CALLS) as Method[]) {
      const [viaHttp, direct] = [await CALLS[method](remote), await CALLS[method](local)];
      if (ROOTED.has(method)) {
        expect(viaHttp, method).toMatchObject({ ok: false, error: expect.stringMatching(/served folder/) });
        expect(direct, method).toMatchObject({ ok: false });
      } else {
        expect(viaHttp, method).toEqual(direct);
      }
    }
    expect(await remote.saveProject()).toEqual({ ok: false, error: 'this project has never been saved: choose a file name to save it to' });
  });

  it('has every method, file action and subscription of LabApi', () => {
    expect(Object.keys(remote).sort()).toEqual([...LAB_METHODS, ...FILE_ACTIONS, 'onProjectChanged', 'onTrainingEvent'].sort());
  });

  it('turns a wrong token and an unreachable host into results, never exceptions', async () => {
    expect(await httpLab(`http://127.0.0.1:${host.port}`, 'wrong').engineInfo()).toEqual({
      ok: false,
      error: 'refused: this address needs the token; open the full URL that `rnnlab serve` printed',
    });
    const gone = await httpLab('http://127.0.0.1:9', host.token).listExamples();
    expect(gone).toMatchObject({ ok: false, error: expect.stringMatching(/^cannot reach the lab at http:\/\/127\.0\.0\.1:9: /) });
  });
});

describe('file actions in the page', () => {
  const projectFile = (name: string) =>
    new File([serializeProject(newProject(name, parseModelSpec({ arch: 'gru', input_size: 1, hidden_size: 2 })))], `${name}.rnnlab`);

  it('opens an uploaded project, saves it back as a download, and answers null when the user cancels', async () => {
    const { page, downloads, choose } = fakePage();
    const lab = httpLab(`http://127.0.0.1:${host.port}`, host.token, page);
    choose(projectFile('uploaded'));
    expect(await lab.openProjectDialog()).toMatchObject({ ok: true, value: { name: 'uploaded', path: null, spec: { arch: 'gru' } } });
    expect(page.pick).toHaveBeenLastCalledWith('.rnnlab');
    expect(await lab.saveProjectDialog(false)).toEqual({ ok: true, value: { path: null, backupPath: null } });
    expect(downloads).toHaveLength(1);
    expect(downloads[0]).toMatchObject({ fileName: 'uploaded.rnnlab', type: 'application/json' });
    expect(parseProject(downloads[0].bytes, 'download').name).toBe('uploaded');
    choose(null);
    expect(await lab.openProjectDialog()).toEqual({ ok: true, value: null });
    choose(new File(['not json'], 'bad.rnnlab'));
    expect(await lab.openProjectDialog()).toMatchObject({ ok: false, error: expect.stringMatching(/^bad\.rnnlab: /) });
  });

  it('saves a project opened from the served folder back to its file (Save), and downloads on Save As', async () => {
    const { page, downloads } = fakePage();
    const lab = httpLab(`http://127.0.0.1:${host.port}`, host.token, page);
    await lab.newProject({ name: 'on disk', spec });
    expect(await lab.saveProject(join(root, 'on-disk.rnnlab'))).toMatchObject({ ok: true });
    expect(await lab.saveProjectDialog(false)).toMatchObject({ ok: true, value: { path: join(root, 'on-disk.rnnlab') } });
    expect(downloads).toHaveLength(0);
    expect(await lab.saveProjectDialog(true)).toEqual({ ok: true, value: { path: null, backupPath: null } });
    expect(downloads.map((d) => d.fileName)).toEqual(['on disk.rnnlab']);
  });

  it('reads a picked text file in the page, through the 16 MB cap and as UTF-8 only', async () => {
    const { page, choose } = fakePage();
    const lab = httpLab(`http://127.0.0.1:${host.port}`, host.token, page);
    choose(new File(['\uFEFFt,value\n0,1\n'], 'series.csv'));
    expect(await lab.openTextFileDialog('csv')).toEqual({ ok: true, value: { fileName: 'series.csv', text: 't,value\n0,1\n' } });
    expect(page.pick).toHaveBeenLastCalledWith('.csv,text/csv');
    choose(new File([new Uint8Array(MAX_TEXT_FILE_BYTES + 1)], 'huge.txt'));
    expect(await lab.openTextFileDialog('text')).toEqual({
      ok: false, error: 'huge.txt: is larger than 16 MB; expected a smaller CSV or text file', code: 'text-too-large', params: { file: 'huge.txt', max: 16 },
    });
    choose(new File([new Uint8Array([0x68, 0xe4, 0x6c])], 'latin1.txt'));
    expect(await lab.openTextFileDialog('text')).toEqual({
      ok: false, error: 'latin1.txt: is not UTF-8 text; save it as UTF-8 and pick it again', code: 'text-not-utf8', params: { file: 'latin1.txt' },
    });
  });

  it('downloads figures as they are', async () => {
    const { page, downloads } = fakePage();
    const lab = httpLab(`http://127.0.0.1:${host.port}`, host.token, page);
    expect(await lab.saveFileDialog({ fileName: 'loss.csv', base64: Buffer.from('step,loss\n1,0.5\n').toString('base64') })).toEqual({ ok: true, value: null });
    expect(downloads).toHaveLength(1);
    expect([downloads[0].fileName, downloads[0].type, Buffer.from(downloads[0].bytes).toString()]).toEqual(['loss.csv', 'text/csv', 'step,loss\n1,0.5\n']);
  });

  it('imports and exports ONNX through upload and download', async () => {
    const calls: string[] = [];
    const answer = <T>(name: string, value: T) => async (...args: unknown[]): Promise<Result<T>> => {
      calls.push(`${name}(${JSON.stringify(args)})`);
      return { ok: true, value };
    };
    const core = {
      openOnnxBytes: answer('openOnnxBytes', { modelId: 'm1' }),
      importOnnx: answer('importOnnx', { name: 'imported' }),
      exportOnnx: answer('exportOnnx', { modelId: 'm2', path: null, opset: 17 }),
      onnxBytes: answer('onnxBytes', { fileName: 'net.onnx', base64: Buffer.from([8, 7]).toString('base64') }),
    } as unknown as LabCoreApi;
    const { page, downloads, choose } = fakePage();
    const actions = httpFileActions(core, page);
    choose(new File([new Uint8Array([8, 1])], 'in.onnx'));
    expect(await actions.importOnnxDialog()).toEqual({ ok: true, value: { name: 'imported' } });
    expect(page.pick).toHaveBeenLastCalledWith('.onnx');
    expect(await actions.exportOnnxDialog({ initialState: true })).toEqual({ ok: true, value: { modelId: 'm2', path: null, opset: 17 } });
    expect(calls).toEqual([
      `openOnnxBytes([{"fileName":"in.onnx","base64":"CAE="}])`,
      'importOnnx(["m1"])',
      'exportOnnx([{"initialState":true}])',
      'onnxBytes(["m2"])',
    ]);
    expect(downloads.map((d) => [d.fileName, [...d.bytes]])).toEqual([['net.onnx', [8, 7]]]);
  });
});
