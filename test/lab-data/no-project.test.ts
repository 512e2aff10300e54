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
    expect(await call()).toEqual({ ok: false, error: NO_PROJECT });
  });

  it('lists and previews tasks and CSV files anyway', async () => {
    const tasks = await lab.listTasks();
    expect(tasks.ok && tasks.value.length).toBe(11);
    const preview = await lab.previewTask({ id: 'reber', count: 1 });
    expect(preview.ok && preview.value.specMismatch).toBeNull();
    expect(await lab.previewTask({})).toEqual({ ok: false, error: 'no task given: give a task id such as "tomita"' });
    const csv = await lab.previewCsv({ file: { fileName: 'a.csv', text: 'x\n1\n2\n' } });
    expect(csv.ok && csv.value.columns).toEqual(['x']);
    expect(await lab.cancelOnnxRun()).toEqual({ ok: false, error: 'no ONNX run is in progress' });
  });
});
