// A stand-in for the `electron` module: records windows, IPC handlers, menus and bridge exposures, so the
// Electron host and the preload can be loaded and exercised in plain Node (no Electron binary here).
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents {
  sent: [string, unknown][] = [];
  listeners = new Map<string, Listener[]>();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  isDestroyed() {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export class FakeBrowserWindow {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows = () => FakeBrowserWindow.instances;
  webContents = new FakeWebContents();
  loaded: { file?: string; url?: string } = {};
  constructor(public options: Record<string, unknown>) {
    FakeBrowserWindow.instances.push(this);
  }
  once() {
    return this;
  }
  show() {}
  isDestroyed() {
    return false;
  }
  loadFile(file: string) {
    this.loaded.file = file;
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.loaded.url = url;
    return Promise.resolve();
  }
}

export function createElectronMock() {
  const handlers = new Map<string, Listener>();
  const rendererListeners = new Map<string, Listener[]>();
  return {
    handlers,
    rendererListeners,
    app: {
      whenReady: vi.fn(() => Promise.resolve()),
      getAppPath: vi.fn(() => '/opt/rnn-lab'),
      isPackaged: false,
      on: vi.fn(),
      quit: vi.fn(),
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, handler: Listener) => handlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showErrorBox: vi.fn() },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn((channel: string, ...args: unknown[]) => Promise.resolve({ ok: true, value: { channel, args } })),
      on: vi.fn((channel: string, listener: Listener) => rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener])),
      removeListener: vi.fn((channel: string, listener: Listener) =>
        rendererListeners.set(channel, (rendererListeners.get(channel) ?? []).filter((l) => l !== listener)),
      ),
    },
  };
}
