// The Electron host and the preload, loaded against a mocked `electron`: window security, session hardening (CSP,
// permissions), one IPC handler per LabApi method and file action that refuses foreign senders, events pushed to the
// window, the menu's actions, the unsaved-changes question, OS-handed projects, the recovery offer at start-up, the
// compute process in a (mocked) utilityProcess, and the preload bridge.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  eventChannel, FILE_ACTIONS, LAB_EVENTS, LAB_METHODS, MENU_ACTION_CHANNEL, methodChannel, type LabApi, type LabHostEvents,
  type ProjectSummary, type Result,
} from '../../src-main/api/lab-api';
import { resolveComputeScript } from '../../src-main/core/compute/fork-channel';
import { RecoveryStore } from '../../src-main/core/lab/recovery';
import { newProject, saveProject } from '../../src-main/core/project/index';
import { parseModelSpec } from '../../src-main/core/spec/schema';
import { FakeBrowserWindow, type FakeWebContents } from './electron-mock';

const electron = await vi.hoisted(async () => (await import('./electron-mock')).createElectronMock());
vi.mock('electron', () => electron);

const RENDERER_URL = 'file:///opt/rnn-lab/out/renderer/index.html';
const trusted = (url = RENDERER_URL) => ({ senderFrame: { url } });
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-electron-'));
const userData = join(dir, 'user-data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Channel = (typeof LAB_METHODS)[number] | (typeof FILE_ACTIONS)[number];
async function call<T = unknown>(method: Channel, event: unknown, ...args: unknown[]): Promise<Result<T>> {
  const handler = electron.handlers.get(methodChannel(method));
  if (!handler) throw new Error(`no handler for ${method}`);
  return (await handler(event, ...args)) as Result<T>;
}
const summary = async () => (await call<ProjectSummary>('describeProject', trusted())) as Result<ProjectSummary>;
const spec = (arch: string) => parseModelSpec({ arch, input_size: 1, hidden_size: 2, output_size: 1 });

describe('the main process', () => {
  let window: FakeBrowserWindow;
  let contents: FakeWebContents;
  let host: NonNullable<Awaited<typeof import('../../src-main/electron/main').hostStarted>>;
  beforeAll(async () => {
    electron.computeScript = await resolveComputeScript();
    electron.app.getPath.mockReturnValue(userData);
    // A copy left by a session that crashed: the host offers it at start-up, and the user restores it.
    await new RecoveryStore(userData).write(newProject('crashed work', spec('gru')), join(dir, 'crashed.rnnlab'));
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    const main = await import('../../src-main/electron/main');
    const started = await main.hostStarted;
    expect(started).not.toBeNull();
    host = started!;
    await host.startup;
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    window = FakeBrowserWindow.instances[0];
    contents = window.webContents;
  });
  afterAll(() => host?.lab.dispose());

  it('opens one sandboxed, context-isolated window with the built preload and renderer', () => {
    expect(window.options.webPreferences).toEqual({
      preload: '/opt/rnn-lab/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(window.loaded).toEqual({ file: '/opt/rnn-lab/out/renderer/index.html' });
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
  });

  it('offered the crash-recovery copy at start-up and restored it as unsaved work', async () => {
    expect(electron.dialog.showMessageBox.mock.calls[0][1]).toMatchObject({ buttons: ['Restore', 'Discard', 'Not Now'], message: expect.stringContaining('“crashed work”') });
    expect(await summary()).toMatchObject({ ok: true, value: { name: 'crashed work', unsaved: true, path: join(dir, 'crashed.rnnlab'), spec: { arch: 'gru' } } });
    expect(await call('listRecoveries', trusted())).toEqual({ ok: true, value: [] });
  });

  it('refuses new windows, navigation, webviews and every permission', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const attempt = { preventDefault: vi.fn() };
      contents.emit(event, attempt, 'https://evil.example/');
      expect(attempt.preventDefault, event).toHaveBeenCalled();
    }
    // Any other web contents the app ever makes gets the same rules.
    const other = new FakeBrowserWindow({}).webContents;
    electron.appEvents.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    FakeBrowserWindow.instances.pop();
    const granted = vi.fn();
    electron.sessionHooks.permissionRequest?.({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(electron.sessionHooks.permissionCheck?.({}, 'notifications')).toBe(false);
  });

  it('puts a strict Content-Security-Policy on every response: no eval, no remote origin', () => {
    let answer: { responseHeaders: Record<string, string[]> } | null = null;
    electron.sessionHooks.headersListener?.(
      { responseHeaders: { 'content-security-policy': ["default-src *; script-src 'unsafe-eval' https://cdn.example"] } },
      (response) => (answer = response as typeof answer),
    );
    const headers = answer!.responseHeaders;
    expect(Object.keys(headers).filter((h) => h.toLowerCase() === 'content-security-policy')).toHaveLength(1);
    const csp = headers['Content-Security-Policy'][0];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
  });

  it('registers exactly one IPC handler per LabApi method and file action', () => {
    expect([...electron.handlers.keys()].sort()).toEqual([...LAB_METHODS, ...FILE_ACTIONS].map(methodChannel).sort());
  });

  it('answers the renderer through the Lab service, with validation', async () => {
    const examples = await call<{ id: string }[]>('listExamples', trusted());
    expect(examples.ok && examples.value.map((e) => e.id).slice(0, 3)).toEqual(['adding-srn', 'adding-irnn', 'exploding-srn']);
    const bad = await call('newProject', trusted(`${RENDERER_URL}#/designer`), { spec: { arch: 'rnn', input_size: 0, hidden_size: 2 } });
    expect(bad).toEqual({
      ok: false, error: 'invalid model spec: input_size: expected an input size from 1 to 4096, found 0',
      code: 'field-too-small', params: { field: 'input_size', min: 1, exclusive: 0, found: '0' },
    });
  });

  it('runs the model in the compute process, a utilityProcess forked from beside the main bundle', async () => {
    await call('newProject', trusted(), { spec: { arch: 'elman', input_size: 1, hidden_size: 3, output_size: 1, output_activation: 'sigmoid' } });
    const evaluated = await call<{ y: number[][][] }>('evaluate', trusted(), { x: [[[1], [0], [1]]] });
    expect(evaluated.ok && evaluated.value.y[0].map((step) => step.length)).toEqual([1, 1, 1]);
    expect(electron.utilityProcess.fork).toHaveBeenCalledTimes(1);
    const [script, , options] = electron.utilityProcess.fork.mock.calls[0];
    expect(script).toBe(join(resolve(__dirname, '../../src-main/electron'), 'compute.mjs'));
    expect(options).toMatchObject({ serviceName: 'RNN Lab compute' });
  });

  it.each([
    ['another web page', 'https://evil.example/index.html'],
    ['another local file', 'file:///opt/rnn-lab/out/renderer/other.html'],
    ['a look-alike path', 'file:///tmp/out/renderer/index.html'],
    ['a frame without URL', undefined],
  ])('refuses calls from %s', async (_what, url) => {
    const before = await summary();
    const result = await call('newProject', { senderFrame: url === undefined ? null : { url } }, { spec: { arch: 'rnn', input_size: 1, hidden_size: 2 } });
    expect(result).toEqual({ ok: false, error: 'refused: only the RNN Lab window may call the lab' });
    expect(await summary()).toEqual(before);
  });

  it('refuses a foreign sender on every channel, file actions included (no dialog opens)', async () => {
    const dialogs = electron.dialog.showOpenDialog.mock.calls.length + electron.dialog.showSaveDialog.mock.calls.length;
    for (const method of [...LAB_METHODS, ...FILE_ACTIONS]) {
      expect(await call(method, { senderFrame: { url: 'https://evil.example/' } }), method).toEqual({
        ok: false,
        error: 'refused: only the RNN Lab window may call the lab',
      });
    }
    expect(electron.dialog.showOpenDialog.mock.calls.length + electron.dialog.showSaveDialog.mock.calls.length).toBe(dialogs);
  });

  it('pushes project changes to the window as events', async () => {
    contents.sent.length = 0;
    const created = await call('newProject', trusted(), { name: 'pushed', spec: { arch: 'gru', input_size: 1, hidden_size: 2 } });
    expect(created.ok).toBe(true);
    expect(contents.sent).toEqual([[eventChannel('projectChanged'), created.ok ? created.value : null]]);
  });

  it('saves and opens through native dialogs with the project filter, adding the extension', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'dialog-saved') });
    const saved = await call('saveProjectDialog', trusted(), true);
    expect(saved).toEqual({ ok: true, value: { path: join(dir, 'dialog-saved.rnnlab'), backupPath: null } });
    expect(electron.dialog.showSaveDialog.mock.lastCall?.[1]).toMatchObject({ filters: [{ extensions: ['rnnlab'] }], defaultPath: 'pushed.rnnlab' });
    // Save (not Save As) of a project with a file writes it without asking.
    const asked = electron.dialog.showSaveDialog.mock.calls.length;
    expect(await call('saveProjectDialog', trusted(), false)).toMatchObject({ ok: true, value: { path: join(dir, 'dialog-saved.rnnlab') } });
    expect(electron.dialog.showSaveDialog.mock.calls.length).toBe(asked);

    await call('newProject', trusted(), { spec: { arch: 'lstm', input_size: 1, hidden_size: 2 } });
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [join(dir, 'dialog-saved.rnnlab')] });
    expect(await call('openProjectDialog', trusted())).toMatchObject({ ok: true, value: { name: 'pushed', spec: { arch: 'gru' } } });
    expect(electron.dialog.showOpenDialog.mock.lastCall?.[1]).toMatchObject({ filters: [{ extensions: ['rnnlab'] }], properties: ['openFile'] });
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await call('openProjectDialog', trusted())).toEqual({ ok: true, value: null });
    const recent = await call<{ path: string }[]>('listRecentProjects', trusted());
    expect(recent.ok && recent.value[0].path).toBe(join(dir, 'dialog-saved.rnnlab'));
    expect(JSON.parse(readFileSync(join(userData, 'recent-projects.json'), 'utf8')).recent[0].path).toBe(join(dir, 'dialog-saved.rnnlab'));
  });

  it('reads a picked CSV as text, refuses what is not a file, and saves figures where the user says', async () => {
    writeFileSync(join(dir, 'series.csv'), '\uFEFFt,value\n0,1.5\n');
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [join(dir, 'series.csv')] });
    expect(await call('openTextFileDialog', trusted(), 'csv')).toEqual({ ok: true, value: { fileName: 'series.csv', text: 't,value\n0,1.5\n' } });
    expect(electron.dialog.showOpenDialog.mock.lastCall?.[1]).toMatchObject({ filters: [{ extensions: ['csv'] }] });
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/dev/zero'] });
    expect(await call('openTextFileDialog', trusted(), 'text')).toEqual({ ok: false, error: 'zero: is not a regular file; expected a CSV or text file' });
    expect(await call('openTextFileDialog', trusted(), 'pdf')).toMatchObject({ ok: false, error: expect.stringMatching(/^open text file: expected 'csv' or 'text'/) });

    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'loss') });
    const png = { fileName: 'loss.png', base64: Buffer.from('not really a png').toString('base64') };
    expect(await call('saveFileDialog', trusted(), png)).toEqual({ ok: true, value: join(dir, 'loss.png') });
    expect(readFileSync(join(dir, 'loss.png'), 'utf8')).toBe('not really a png');
    expect(await call('saveFileDialog', trusted(), { fileName: '../../etc/x.png', base64: '' })).toMatchObject({ ok: false });
  });

  it('builds the native menu whose items send the same actions as the shortcuts', () => {
    type Item = { label?: string; role?: string; click?: () => void; accelerator?: string; submenu?: Item[] };
    const template = electron.Menu.buildFromTemplate.mock.calls[0][0] as Item[];
    const menu = (label: string) => template.find((m) => m.label === label)?.submenu ?? [];
    const labels = (label: string) => menu(label).filter((i) => i.label).map((i) => i.label);
    expect(labels('File')).toEqual(['New Project…', 'Open…', 'Save', 'Save As…', 'Import ONNX…', 'Open ONNX Model…', 'Export ONNX…', 'Quit']);
    expect(labels('Edit').slice(0, 2)).toEqual(['Undo', 'Redo']);
    expect(template.some((m) => m.label === 'View')).toBe(true);
    contents.sent.length = 0;
    for (const item of [...menu('File'), ...menu('Edit')]) item.click?.();
    expect(contents.sent).toEqual(
      ['new', 'open', 'save', 'saveAs', 'importOnnx', 'openOnnx', 'exportOnnx', 'undo', 'redo'].map((action) => [MENU_ACTION_CHANNEL, action]),
    );
    expect(menu('File').find((i) => i.label === 'Save')?.accelerator).toBe('CmdOrCtrl+S');
  });

  it('asks before closing the window with unsaved changes: Cancel keeps it, Don\'t Save closes', async () => {
    await call('newProject', trusted(), { name: 'unsaved work', spec: { arch: 'rnn', input_size: 1, hidden_size: 2 } });
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 2 });
    window.close();
    await vi.waitFor(() => expect(electron.dialog.showMessageBox.mock.lastCall?.[1]).toMatchObject({ message: 'Save the changes to “unsaved work”?' }));
    await new Promise((done) => setTimeout(done, 20));
    expect(window.closed).toBe(false);

    // A project handed over by the OS (second launch) also asks first; Cancel leaves the open project alone.
    const other = join(dir, 'second.rnnlab');
    await saveProject(other, newProject('second', spec('lstm')));
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 2 });
    electron.appEvents.emit('second-instance', {}, ['/usr/bin/rnn-lab', '--flag', 'second.rnnlab'], dir);
    await host.launch.idle();
    expect(await summary()).toMatchObject({ value: { name: 'unsaved work' } });
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    electron.appEvents.emit('second-instance', {}, ['/usr/bin/rnn-lab', 'second.rnnlab'], dir);
    await host.launch.idle();
    expect(await summary()).toMatchObject({ value: { name: 'second', path: other, unsaved: false } });
    expect(window.focused).toBeGreaterThanOrEqual(2);

    // macOS open-file: no question when nothing is unsaved.
    const asked = electron.dialog.showMessageBox.mock.calls.length;
    const prevent = vi.fn();
    electron.appEvents.emit('open-file', { preventDefault: prevent }, join(dir, 'dialog-saved.rnnlab'));
    await host.launch.idle();
    expect(prevent).toHaveBeenCalled();
    expect(await summary()).toMatchObject({ value: { name: 'pushed', path: join(dir, 'dialog-saved.rnnlab') } });
    expect(electron.dialog.showMessageBox.mock.calls.length).toBe(asked);

    await call('newProject', trusted(), { name: 'dropped', spec: { arch: 'rnn', input_size: 1, hidden_size: 2 } });
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    window.close();
    await vi.waitFor(() => expect(window.closed).toBe(true));
  });
});

describe('the preload bridge', () => {
  let api: LabApi & LabHostEvents;
  beforeAll(async () => {
    await import('../../src-main/preload/index');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0];
    expect(name).toBe('lab');
    api = exposed as LabApi & LabHostEvents;
  });

  it('exposes exactly the LabApi methods, file actions, subscriptions and onMenuAction, and nothing of Electron', () => {
    expect(Object.keys(api).sort()).toEqual([...LAB_METHODS, ...FILE_ACTIONS, ...Object.keys(LAB_EVENTS), 'onMenuAction'].sort());
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });

  it('sends each method and file action on its own channel with its arguments', async () => {
    await api.openProject('/tmp/a.rnnlab');
    await api.saveProject();
    await api.saveProjectDialog(true);
    await api.openTextFileDialog('csv');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('lab:openProject', '/tmp/a.rnnlab');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('lab:saveProject', undefined);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('lab:saveProjectDialog', true);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('lab:openTextFileDialog', 'csv');
  });

  it('hands subscribers the payload only, and unsubscribes', () => {
    for (const [subscription, event] of Object.entries(LAB_EVENTS) as [keyof typeof LAB_EVENTS, string][]) {
      const heard: unknown[][] = [];
      const stop = api[subscription]((...args: unknown[]) => heard.push(args));
      const channel = eventChannel(event as 'training');
      const [listener] = electron.rendererListeners.get(channel) ?? [];
      listener({ sender: 'the electron event' }, { name: 'x' });
      expect(heard).toEqual([[{ name: 'x' }]]);
      stop();
      expect(electron.rendererListeners.get(channel)).toEqual([]);
    }
  });

  it('passes on menu actions it knows and drops anything else', () => {
    const heard: unknown[] = [];
    const stop = api.onMenuAction!((action) => heard.push(action));
    const [listener] = electron.rendererListeners.get(MENU_ACTION_CHANNEL) ?? [];
    listener({}, 'save');
    listener({}, 'rm -rf');
    listener({}, { action: 'save' });
    expect(heard).toEqual(['save']);
    stop();
  });
});

