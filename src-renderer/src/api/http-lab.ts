// LabApi over HTTP for browser mode (`rnnlab serve`): POST /api/call/<method> per request, one shared
// Server-Sent Events stream (/api/events) for the subscriptions. Same contract as the Electron preload bridge.
import {
  LAB_EVENTS, type LabApi, type LabEventPayload, type LabMethod, type LabSubscription, type Result, type Unsubscribe,
} from '../../../src-main/api/lab-api';

export function httpLab(baseUrl: string, token: string): LabApi {
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
      const body: unknown = await response.json();
      if (isResult(body)) return body as Result<never>;
      return { ok: false, error: `${method}: the lab answered something that is not a result (HTTP ${response.status})` };
    } catch (error) {
      return { ok: false, error: `cannot reach the lab at ${baseUrl}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  let events: EventSource | null = null;
  let listening = 0;
  function subscribe<S extends LabSubscription>(subscription: S) {
    return (listener: (payload: LabEventPayload<S>) => void): Unsubscribe => {
      events ??= new EventSource(`${baseUrl}/api/events?token=${encodeURIComponent(token)}`);
      const source = events;
      const handler = (message: MessageEvent<string>) => listener(JSON.parse(message.data) as LabEventPayload<S>);
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

  return {
    engineInfo: () => call('engineInfo'),
    newProject: (request) => call('newProject', request),
    openProject: (path) => call('openProject', path),
    saveProject: (path) => call('saveProject', path),
    describeProject: () => call('describeProject'),
    listExamples: () => call('listExamples'),
    openExample: (id) => call('openExample', id),
    evaluate: (request) => call('evaluate', request),
    onProjectChanged: subscribe('onProjectChanged'),
  };
}

function isResult(value: unknown): value is Result<unknown> {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === true || (v.ok === false && typeof v.error === 'string');
}
