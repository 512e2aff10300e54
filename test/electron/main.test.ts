// The Electron host and the preload, loaded against a mocked `electron`: window security options, one IPC handler
// per LabApi method that refuses foreign senders, events pushed to the window, the menu, and the preload bridge.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventChannel, LAB_EVENTS, LAB_METHODS, methodChannel, type LabApi, type Result } from '../../src-main/api/lab-api';
import { FakeBrowserWindow, type FakeWebContents } from './electron-mock';

const electron = await vi.hoisted(async () => (await import('./electron-mock')).createElectronMock());
vi.mock('electron', () => electron);

const RENDERER_URL = 'file:///opt/rnn-lab/out/renderer/index.html';
const trusted = (url = RENDERER_URL) => ({ senderFrame: { url } });
const dir = mkdtempSync(join(tmpdir(), 'rnnlab-electron-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function call(method: string, event: unknown, ...args: unknown[]): Promise<Result<unknown>> {
  const handler = electron.handlers.get(methodChannel(method as (typeof LAB_METHODS)[number]));
  if (!handler) throw new Error(`no handler for ${method}`);
  return (await handler(event, ...args)) as Result<unknown>;
}

describe('the main process', () => {
  let window: FakeBrowserWindow;
  let contents: FakeWebContents;
  beforeAll(async () => {
    const main = await import('../../src-main/electron/main');
    expect(await main.hostStarted).not.toBeNull();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    window = FakeBrowserWindow.instances[0];
    contents = window.webContents;
  });

  it('opens one sandboxed, context-isolated window with the built preload and renderer', () => {
    expect(window.options.webPreferences).toEqual({
      preload: '/opt/rnn-lab/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(window.loaded).toEqual({ file: '/opt/rnn-lab/out/renderer/index.html' });
  });

  it('refuses new windows and navigation away from the renderer', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://example.org/');
    const navigation = { preventDefault: vi.fn() };
    contents.emit('will-navigate', navigation, 'https://evil.example/');
    expect(navigation.preventDefault).toHaveBeenCalled();
  });

  it('registers exactly one IPC handler per LabApi method', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(LAB_METHODS.map(methodChannel).sort());
  });

  it('answers the renderer through the Lab service, with validation', async () => {
    const examples = await call('listExamples', trusted());
    expect(examples.ok && Array.isArray(examples.value) && examples.value.length).toBeGreaterThan(3);
    const bad = await call('newProject', trusted(`${RENDERER_URL}#/designer`), { spec: { arch: 'rnn', input_size: 0, hidden_size: 2 } });
    expect(bad).toEqual({ ok: false, error: 'invalid model spec: input_size: expected an input size from 1 to 4096, found 0' });
  });

  it.each([
    ['another web page', 'https://evil.example/index.html'],
    ['another local file', 'file:///opt/rnn-lab/out/renderer/other.html'],
    ['a look-alike path', 'file:///tmp/out/renderer/index.html'],
    ['a frame without URL', undefined],
  ])('refuses calls from %s', async (_what, url) => {
    const before = await call('describeProject', trusted());
    const result = await call('newProject', { senderFrame: url === undefined ? null : { url } }, { spec: { arch: 'rnn', input_size: 1, hidden_size: 2 } });
    expect(result).toEqual({ ok: false, error: 'refused: only the RNN Lab window may call the lab' });
    expect(await call('describeProject', trusted())).toEqual(before);
  });

  it('refuses a foreign sender on every channel', async () => {
    for (const method of LAB_METHODS) {
      expect(await call(method, { senderFrame: { url: 'https://evil.example/' } }), method).toEqual({
        ok: false,
        error: 'refused: only the RNN Lab window may call the lab',
      });
    }
  });

  it('pushes project changes to the window as events', async () => {
    contents.sent.length = 0;
    const created = await call('newProject', trusted(), { name: 'pushed', spec: { arch: 'gru', input_size: 1, hidden_size: 2 } });
    expect(created.ok).toBe(true);
    expect(contents.sent).toEqual([[eventChannel('projectChanged'), created.ok ? created.value : null]]);
  });

  it('builds a File menu whose Open, Save As and Quit drive the lab through native dialogs', async () => {
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    type Item = { label?: string; click?: () => void; submenu?: Item[] };
    const template = (electron.Menu.buildFromTemplate.mock.calls[0][0] as Item[])[0];
    const items = Object.fromEntries((template.submenu ?? []).filter((i) => i.label).map((i) => [i.label, i]));
    expect(Object.keys(items)).toEqual(['Open…', 'Save', 'Save As…', 'Quit']);

    const file = join(dir, 'menu.rnnlab');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: file });
    items['Save As…'].click?.();
    await vi.waitFor(async () => expect(await call('describeProject', trusted())).toMatchObject({ value: { path: file } }));

    await call('newProject', trusted(), { spec: { arch: 'lstm', input_size: 1, hidden_size: 2 } });
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    items['Open…'].click?.();
    await vi.waitFor(async () => expect(await call('describeProject', trusted())).toMatchObject({ value: { path: file, spec: { arch: 'gru' } } }));

    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [join(dir, 'missing.rnnlab')] });
    items['Open…'].click?.();
    await vi.waitFor(() => expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Could not open the project', expect.stringMatching(/^missing\.rnnlab: cannot be read/)));

    items.Quit.click?.();
    expect(electron.app.quit).toHaveBeenCalled();
  });
});

describe('the preload bridge', () => {
  let api: LabApi;
  beforeAll(async () => {
    await import('../../src-main/preload/index');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0];
    expect(name).toBe('lab');
    api = exposed as LabApi;
  });

  it('exposes exactly the LabApi methods and subscriptions, and nothing of Electron', () => {
    expect(Object.keys(api).sort()).toEqual([...LAB_METHODS, ...Object.keys(LAB_EVENTS)].sort());
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });

  it('sends each method on its own channel with its arguments', async () => {
    await api.openProject('/tmp/a.rnnlab');
    await api.saveProject();
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('lab:openProject', '/tmp/a.rnnlab');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('lab:saveProject', undefined);
  });

  it('hands subscribers the payload only, and unsubscribes', () => {
    const heard: unknown[][] = [];
    const stop = api.onProjectChanged((...args: unknown[]) => heard.push(args));
    const channel = eventChannel('projectChanged');
    const [listener] = electron.rendererListeners.get(channel) ?? [];
    listener({ sender: 'the electron event' }, { name: 'x' });
    expect(heard).toEqual([[{ name: 'x' }]]);
    stop();
    expect(electron.rendererListeners.get(channel)).toEqual([]);
  });
});
