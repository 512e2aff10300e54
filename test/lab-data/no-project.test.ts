// The DATA methods before any project is open: what needs a project says so in one line; what does not still works.
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src-main/api/lab-api';
import { inProcessChannelFactory } from '../../src-main/core/compute/in-process-channel';
import { LabService } from '../../src-main/core/lab/lab-service';

const lab = new LabService({ compute: inProcessChannelFactory, engine: 'reference' });
afterAll(() => lab.dispose());
const NO_PROJECT = 'no project is open: create a new project or open a file first';

describe('without an open project', () => {
  it.each([
    ['setTask', () => lab.setTask({ id: 'tomita' })],
    ['getSettings', () => lab.getSettings()],
    ['updateSettings', () => lab.updateSettings({ training: { lr: 0.1 } })],
    ['trajectories', () => lab.trajectories({})],
    ['inspect', () => lab.inspect({ input: '01' })],
    ['sampleText', () => lab.sampleText({ seedText: 'a', length: 3, temperature: 1 })],
    ['predictSeries', () => lab.predictSeries('test')],
    ['exportOnnx', () => lab.exportOnnx()],
  ] as [string, () => Promise<Result<unknown>>][])('%s answers that no project is open', async (_, call) => {
    expect(await call()).toEqual({ ok: false, error: NO_PROJECT, code: 'no-project', params: {} });
  });

  it('lists and previews tasks and CSV files anyway', async () => {
    const tasks = await lab.listTasks();
    expect(tasks.ok && tasks.value.length).toBe(11);
    const preview = await lab.previewTask({ id: 'reber', count: 1 });
    expect(preview.ok && preview.value.specMismatch).toBeNull();
    expect(await lab.previewTask({})).toEqual({ ok: false, error: 'no task given: give a task id such as "tomita"' });
    const csv = await lab.previewCsv({ file: { fileName: 'a.csv', text: 'x\n1\n2\n' } });
    expect(csv.ok && csv.value.columns).toEqual(['x']);
    expect(await lab.cancelOnnxRun()).toEqual({ ok: false, error: 'no ONNX run is in progress', code: 'onnx-no-run', params: {} });
  });
});

describe('browser mode (a root is set)', () => {
  it('never reads a data file a project names by path', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { newProject } = await import('../../src-main/core/project/index');
    const { parseModelSpec } = await import('../../src-main/core/spec/schema');
    const web = new LabService({ compute: inProcessChannelFactory, engine: 'reference', root: mkdtempSync(`${tmpdir()}/rnnlab-root-`) });
    try {
      const p = newProject('up', parseModelSpec({ arch: 'rnn', input_size: 1, hidden_size: 2, output_size: 1 }));
      p.task = { id: 'csv', params: { file: '/etc/hostname', targets: [0] }, seed: 0 };
      web.context.workspace.replace(p, null, true);
      const refusal = "task csv: its data is a file path, which browser mode does not read: send the file's contents with setTask";
      expect(await web.previewTask({})).toEqual({ ok: false, error: refusal });
      expect(await web.inspect({ input: [1, 2] })).toEqual({ ok: false, error: refusal });
      expect(await web.setTask({ id: 'csv', params: { targets: [0] } })).toEqual({ ok: false, error: refusal });
      const ok = await web.setTask({ id: 'csv', params: { targets: [0], window: 2 }, data: { fileName: 'a.csv', text: `v\n${Array.from({ length: 40 }, (_, i) => i).join('\n')}\n` } });
      expect(ok.ok).toBe(true);
    } finally {
      web.dispose();
    }
  });
});
