// Picks the lab transport: `window.lab` from the Electron preload, or HTTP to the web host (token from the URL).
// Both are typed as LabApi, so the rest of the renderer cannot tell them apart. `onMenuAction` is the desktop
// host's native menu (absent in browser mode: a no-op there).
import {
  FILE_ACTIONS, LAB_EVENTS, LAB_METHODS, type LabApi, type LabHostEvents, type MenuAction, type Result, type Unsubscribe,
} from '../../../src-main/api/lab-api';
import { httpLab } from './http-lab';

declare global {
  interface Window {
    /** Set by the Electron preload (src-main/preload/index.ts); absent in a browser. */
    lab?: LabApi & LabHostEvents;
  }
}

function connect(): LabApi {
  if (window.lab) return window.lab;
  const token = new URLSearchParams(window.location.search).get('token');
  if (token) return httpLab(window.location.origin, token);
  return disconnectedLab('this page needs the lab: open it from the RNN Lab app, or the URL `rnnlab serve` printed (with ?token=)');
}

/** A LabApi that answers every request with the same explanation (code lab-not-connected), so the page can say what is wrong. */
export function disconnectedLab(reason: string): LabApi {
  const fail = (): Promise<Result<never>> => Promise.resolve({ ok: false, error: reason, code: 'lab-not-connected', params: {} });
  const requests = Object.fromEntries([...LAB_METHODS, ...FILE_ACTIONS].map((method) => [method, fail]));
  const subscriptions = Object.fromEntries(Object.keys(LAB_EVENTS).map((name) => [name, () => () => undefined]));
  return { ...requests, ...subscriptions } as unknown as LabApi;
}

/** Failures reach the stores as they came ({ error, code, params }): ErrorLine words the code it is given. */
export const lab: LabApi = connect();

/** Hears the native menu (Electron); in browser mode there is none, and the keyboard shortcuts do the same. */
export function onMenuAction(listener: (action: MenuAction) => void): Unsubscribe {
  return window.lab?.onMenuAction?.(listener) ?? (() => undefined);
}

export * from '../../../src-main/api/lab-api';
