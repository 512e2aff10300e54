// The renderer's HTTP transport against a real web host, in Node (fetch is global in Node 20): every request
// method reaches the Lab service and its result comes back unchanged. Subscriptions need EventSource, which
// Node 20 lacks; renderer.test.ts covers them in chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_METHODS } from '../../src-main/api/lab-api';
import { LabService } from '../../src-main/core/lab/lab-service';
import { startWebHost, type WebHost } from '../../src-main/web/index';
import { httpLab } from '../../src-renderer/src/api/http-lab';

let host: WebHost;
beforeAll(async () => {
  host = await startWebHost({ rendererDir: '/nonexistent', lab: new LabService({ engine: 'reference' }) });
});
afterAll(() => host.close());

describe('httpLab', () => {
  it('answers each request method exactly as the Lab service does', async () => {
    const remote = httpLab(`http://127.0.0.1:${host.port}`, host.token);
    const local = new LabService({ engine: 'reference' });
    const spec = { arch: 'jordan', input_size: 2, hidden_size: 3, output_size: 2 };
    const calls: Record<(typeof LAB_METHODS)[number], (api: typeof remote) => Promise<unknown>> = {
      engineInfo: (api) => api.engineInfo(),
      describeProject: (api) => api.describeProject(),
      // An absent path must arrive absent (not as null): the answer is then "never been saved", not a type error.
      saveProject: (api) => api.saveProject(),
      listExamples: (api) => api.listExamples(),
      newProject: (api) => api.newProject({ name: 'same', spec }),
      evaluate: (api) => api.evaluate({ x: [[[1, 0], [0, 1]]], y0: [[0.5, -0.5]] }),
      openProject: (api) => api.openProject(''),
      openExample: (api) => api.openExample('no-such-example'),
    };
    const order: (typeof LAB_METHODS)[number][] = ['engineInfo', 'describeProject', 'listExamples', 'newProject', 'saveProject', 'evaluate', 'openProject', 'openExample'];
    expect([...order].sort()).toEqual([...LAB_METHODS].sort());
    for (const method of order) {
      const [viaHttp, direct] = [await calls[method](remote), await calls[method](local)];
      expect(viaHttp, method).toEqual(direct);
    }
    expect(await remote.saveProject()).toEqual({ ok: false, error: 'this project has never been saved: choose a file name to save it to' });
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
