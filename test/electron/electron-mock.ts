// A stand-in for the `electron` module: records windows, IPC handlers, menus, app and session hooks and bridge
// exposures, so the Electron host and the preload can be loaded and exercised in plain Node (no Electron binary).
// utilityProcess.fork runs a real Node child (child_process.fork) of the script `computeScript` names, so the
// desktop host's compute process actually computes.
import { fork } from 'node:child_process';
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  listeners = new Map<string, Listener[]>();
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

export class FakeWebContents extends Emitter {
  sent: [string, unknown][] = [];
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
}

export class FakeBrowserWindow extends Emitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows = () => FakeBrowserWindow.instances.filter((w) => !w.closed);
  webContents = new FakeWebContents();
  loaded: { file?: string; url?: string } = {};
  closed = false;
  focused = 0;
  constructor(public options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  show() {}
  isDestroyed() {
    return this.closed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {
    this.focused++;
  }
  /** Like Electron: 'close' listeners may preventDefault; otherwise the window goes away. */
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.closed = true;
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
  const appEvents = new Emitter();
  const session = {
    headersListener: null as null | ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void),
    permissionRequest: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheck: null as null | ((...args: unknown[]) => boolean),
  };
  const mock = {
    handlers,
    rendererListeners,
    appEvents,
    /** The real script utilityProcess.fork should run (a bundle of the compute entry), set by the test. */
    computeScript: '',
    sessionHooks: session,
    app: {
      whenReady: vi.fn(() => Promise.resolve()),
      getAppPath: vi.fn(() => '/opt/rnn-lab'),
      getPath: vi.fn((_name: string) => '/tmp/rnnlab-user-data'),
      requestSingleInstanceLock: vi.fn(() => true),
      isPackaged: false,
      on: vi.fn((event: string, listener: Listener) => appEvents.on(event, listener)),
      quit: vi.fn(),
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, handler: Listener) => handlers.set(channel, handler)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
    dialog: {
      showOpenDialog: vi.fn(),
      showSaveDialog: vi.fn(),
      showMessageBox: vi.fn((..._args: unknown[]) => Promise.resolve({ response: 2 })),
      showErrorBox: vi.fn(),
    },
    shell: { openExternal: vi.fn(() => Promise.resolve()) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn((listener: typeof session.headersListener) => (session.headersListener = listener)) },
        setPermissionRequestHandler: vi.fn((handler: typeof session.permissionRequest) => (session.permissionRequest = handler)),
        setPermissionCheckHandler: vi.fn((handler: typeof session.permissionCheck) => (session.permissionCheck = handler)),
      },
    },
    utilityProcess: {
      fork: vi.fn((_modulePath: string, _args?: string[], _options?: Record<string, unknown>) => fakeUtilityProcess(mock.computeScript)),
    },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn((channel: string, ...args: unknown[]) => Promise.resolve({ ok: true, value: { channel, args } })),
      on: vi.fn((channel: string, listener: Listener) => rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener])),
      removeListener: vi.fn((channel: string, listener: Listener) =>
        rendererListeners.set(channel, (rendererListeners.get(channel) ?? []).filter((l) => l !== listener)),
      ),
    },
  };
  return mock;
}

/** Electron's UtilityProcess, played by a forked Node child speaking the same messages. */
function fakeUtilityProcess(script: string) {
  if (!script) throw new Error('electron mock: set computeScript before the host needs its compute process');
  const child = fork(script, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.on('error', () => undefined);
  return {
    get pid() {
      return child.pid;
    },
    postMessage: (message: unknown) => {
      if (child.connected) child.send(message as object);
    },
    on(event: string, listener: Listener) {
      if (event === 'message') child.on('message', listener);
      if (event === 'exit') child.on('exit', (code) => listener(code ?? 1));
      return this;
    },
    kill: () => child.kill('SIGKILL'),
  };
}
