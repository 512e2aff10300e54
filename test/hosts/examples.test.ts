// The example gallery: one entry per project file in resources/examples (no more, no less), each with its title,
// the paragraph from the project's task, one sentence of what to look at, and the alerts it is expected to raise;
// openExample opens a copy as a new, unsaved project with its task, settings and history.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExampleInfo } from '../../src-main/api/lab-api';
import { EXAMPLES } from '../../src-main/core/lab/examples';
import { LabService } from '../../src-main/core/lab/lab-service';

const folder = resolve(__dirname, '../../resources/examples');
const files = readdirSync(folder).filter((f) => f.endsWith('.rnnlab')).map((f) => f.replace(/\.rnnlab$/, ''));
const lab = new LabService({ engine: 'reference' });
afterAll(() => lab.dispose());

describe('the example gallery', () => {
  it('lists every example project, the story example first', async () => {
    const listed = await lab.listExamples();
    expect(listed.ok).toBe(true);
    const examples = listed.ok ? listed.value : [];
    expect(examples.map((e) => e.id).sort()).toEqual([...files].sort());
    expect(examples[0].id).toBe('adding-srn');
  });

  it('describes each one from its file, with a sentence of what to look at', async () => {
    const examples = (await lab.listExamples()) as { ok: true; value: ExampleInfo[] };
    for (const example of examples.value) {
      const file = JSON.parse(readFileSync(join(folder, `${example.id}.rnnlab`), 'utf8'));
      expect(example.description, example.id).toBe(file.task.description);
      expect(example.description.length, example.id).toBeGreaterThan(100);
      expect([example.arch, example.taskId], example.id).toEqual([file.model.arch, file.task.id]);
      expect(example.title.length, example.id).toBeGreaterThan(5);
      expect(example.lookFor, example.id).toMatch(/^[A-Z].{30,}\.$/);
    }
  });

  it('expects the vanishing alert of adding-srn and the exploding alert of exploding-srn, and none elsewhere', async () => {
    const examples = (await lab.listExamples()) as { ok: true; value: ExampleInfo[] };
    const expected = Object.fromEntries(examples.value.filter((e) => e.expectedAlerts.length).map((e) => [e.id, e.expectedAlerts]));
    expect(expected).toEqual({ 'adding-srn': ['vanishing'], 'exploding-srn': ['exploding'] });
    expect(EXAMPLES).toHaveLength(files.length);
  });

  it('opens an example as a new, unsaved project with its task, settings and history', async () => {
    const opened = await lab.openExample('exploding-srn');
    expect(opened).toMatchObject({ ok: true, value: { name: 'exploding-srn', path: null, unsaved: true, task: { id: 'adding' } } });
    const settings = await lab.getSettings();
    const file = JSON.parse(readFileSync(join(folder, 'exploding-srn.rnnlab'), 'utf8'));
    expect(settings.ok && settings.value.training).toMatchObject({ clip: file.training.settings.clip, lr: file.training.settings.lr });
    expect(await lab.saveProject()).toEqual({ ok: false, error: 'this project has never been saved: choose a file name to save it to' });
    expect(await lab.openExample('nope')).toEqual({ ok: false, error: `no example 'nope': expected one of ${EXAMPLES.map((e) => e.id).join(', ')}` });
    expect(await lab.openExample(3 as unknown as string)).toMatchObject({ ok: false, error: expect.stringMatching(/^open example: expected an example id as text/) });
  });
});
