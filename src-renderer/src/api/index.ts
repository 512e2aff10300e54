// Picks the lab transport: `window.lab` from the Electron preload, or HTTP to the web host (token from the URL).
// Both are typed as LabApi, so the rest of the renderer cannot tell them apart.
import type { LabApi, Result } from '../../../src-main/api/lab-api';
import { httpLab } from './http-lab';

declare global {
  interface Window {
    /** Set by the Electron preload (src-main/preload/index.ts); absent in a browser. */
    lab?: LabApi;
  }
}

function connect(): LabApi {
  if (window.lab) return window.lab;
  const token = new URLSearchParams(window.location.search).get('token');
  if (token) return httpLab(window.location.origin, token);
  return disconnectedLab('this page needs the lab: open it from the RNN Lab app, or the URL `rnnlab serve` printed (with ?token=)');
}

/** A LabApi that answers every request with the same explanation, so the page can say what is wrong. */
function disconnectedLab(reason: string): LabApi {
  const fail = <T>(): Promise<Result<T>> => Promise.resolve({ ok: false, error: reason });
  return {
    engineInfo: fail,
    newProject: fail,
    openProject: fail,
    saveProject: fail,
    describeProject: fail,
    listExamples: fail,
    openExample: fail,
    evaluate: fail,
    onProjectChanged: () => () => undefined,
  };
}

export const lab: LabApi = connect();
export * from '../../../src-main/api/lab-api';
