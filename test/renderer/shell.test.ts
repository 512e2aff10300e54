// The shell's logic in Node: shortcuts, language choice and locale merging, the number formatter, run progress,
// and the project store over a fake LabApi (errors kept under their source, a failed request changes nothing).
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EditOutcome, LabApi, ProjectSummary, RunStatus } from '../../src-main/api/lab-api';
import { isTextEditing, shortcutFor } from '../../src-renderer/src/composables/shortcuts';
import { formatCount, formatDuration, formatNumber, formatShape } from '../../src-renderer/src/i18n/format';
import { leafKeys, mergeLocaleFiles, pickLocale } from '../../src-renderer/src/i18n/messages';
import { fakeLab } from './fake-lab';

const holder = vi.hoisted(() => ({ lab: null as unknown as LabApi }));
vi.mock('../../src-renderer/src/api', async () => {
  const contract = await import('../../src-main/api/lab-api');
  return { ...contract, get lab() { return holder.lab; } };
});
const { useProjectStore } = await import('../../src-renderer/src/stores/project');
const { runIsVisible, runProgress } = await import('../../src-renderer/src/composables/useRunStatus');

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) =>
  ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shortcuts', () => {
  it.each([
    [key('n', { ctrlKey: true }), 'new'],
    [key('o', { metaKey: true }), 'open'],
    [key('s', { ctrlKey: true }), 'save'],
    [key('S', { ctrlKey: true, shiftKey: true }), 'saveAs'],
    [key('z', { metaKey: true }), 'undo'],
    [key('Z', { metaKey: true, shiftKey: true }), 'redo'],
    [key('y', { ctrlKey: true }), 'redo'],
    [key('s'), null],
    [key('s', { ctrlKey: true, altKey: true }), null],
    [key('q', { ctrlKey: true }), null],
  ])('%o -> %s', (event, expected) => expect(shortcutFor(event)).toBe(expected));

  it('leaves undo inside text fields to the field', () => {
    expect(isTextEditing({ tagName: 'INPUT', type: 'number' } as unknown as EventTarget)).toBe(true);
    expect(isTextEditing({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTextEditing({ tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget)).toBe(false);
    expect(isTextEditing({ tagName: 'BUTTON' } as unknown as EventTarget)).toBe(false);
    expect(isTextEditing(null)).toBe(false);
  });
});

describe('languages', () => {
  it('keeps a stored choice, else follows the OS languages, else English', () => {
    expect(pickLocale('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickLocale(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLocale(null, ['de-DE', 'en-GB'])).toBe('en');
    expect(pickLocale('fr', ['fr-FR'])).toBe('en');
  });

  it('merges per-area files under the area name', () => {
    const merged = mergeLocaleFiles({
      './locales/en/start.json': { default: { title: 'Welcome' } },
      './locales/zh-CN/start.json': { default: { title: '欢迎' } },
      './locales/en/train.json': { default: { startButton: 'Start training', nested: { a: 'x' } } },
      './locales/fr/start.json': { default: { title: 'Bienvenue' } },
    });
    expect(merged.en).toEqual({ start: { title: 'Welcome' }, train: { startButton: 'Start training', nested: { a: 'x' } } });
    expect(merged['zh-CN']).toEqual({ start: { title: '欢迎' } });
    expect(leafKeys(merged.en).sort()).toEqual(['start.title', 'train.nested.a', 'train.startButton']);
  });
});

describe('format', () => {
  it('words durations in the UI language', () => {
    expect(formatDuration(42, 'en')).toBe('42 sec');
    expect(formatDuration(125, 'en')).toBe('2 min 5 sec');
    expect(formatDuration(3 * 3600 + 60, 'en')).toBe('3 hr 1 min');
    expect(formatDuration(125, 'zh-CN')).toBe('2分钟5秒');
    expect(formatDuration(-1, 'en')).toBe('—');
  });

  it('groups counts, keeps significant digits and switches to scientific for tiny values', () => {
    expect(formatCount(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(0.012345, 'en')).toBe('0.0123');
    expect(formatNumber(0.00001234, 'en')).toBe('1.23E-5');
    expect(formatNumber(Number.NaN, 'en')).toBe('NaN');
    expect(formatShape([12, 3])).toBe('12 × 3');
  });
});

describe('run progress', () => {
  const status = (over: Partial<RunStatus>): RunStatus => ({
    status: 'running', runId: 'r1', step: 250, totalSteps: 1000, epoch: 1, stepsPerSecond: 100, etaSeconds: 7.5,
    engine: 'native', engineWarning: null, reason: null, ...over,
  });
  it('is the fraction of steps done, unknown without a total, hidden before a run', () => {
    expect(runProgress(status({}))).toBe(0.25);
    expect(runProgress(status({ step: 1200 }))).toBe(1);
    expect(runProgress(status({ totalSteps: 0 }))).toBeNull();
    expect(runIsVisible(status({ status: 'idle', step: 0 }))).toBe(false);
    expect(runIsVisible(status({ status: 'done' }))).toBe(true);
    expect(runIsVisible(null)).toBe(false);
  });
});

describe('run status from the training stream', () => {
  it('follows status and metric events and raises the compute-lost flag until cleared; another project opened hides the old run', async () => {
    let core: { ok: true; value: RunStatus } | { ok: false; error: string } = { ok: false, error: 'no project is open' };
    let projectChanged = () => {};
    const fake = fakeLab({
      trainingStatus: async () => core,
      onProjectChanged: (listener) => ((projectChanged = () => listener({} as ProjectSummary)), () => undefined),
    });
    holder.lab = fake.lab;
    const { useRunStatus } = await import('../../src-renderer/src/composables/useRunStatus');
    const run = useRunStatus();
    const status: RunStatus = { status: 'running', runId: 'r1', step: 10, totalSteps: 40, epoch: 0, stepsPerSecond: 5, etaSeconds: 6, engine: 'reference', engineWarning: null, reason: null };
    fake.emit({ type: 'status', status });
    expect(run.progress.value).toBe(0.25);
    fake.emit({ type: 'metrics', runId: 'r1', points: [], status: { ...status, step: 20 } });
    expect(run.status.value?.step).toBe(20);
    fake.emit({ type: 'compute-lost', reason: 'killed by SIGKILL' });
    expect(run.computeLost.value).toBe('killed by SIGKILL');
    run.clearComputeLost();
    expect(run.computeLost.value).toBeNull();
    // The run finished; then a saved project is reopened: the core is idle again but sends no stream message.
    fake.emit({ type: 'status', status: { ...status, status: 'done', step: 40 } });
    expect(run.visible.value).toBe(true);
    core = { ok: true, value: { ...status, status: 'idle', runId: null, step: 0, stepsPerSecond: null, etaSeconds: null } };
    projectChanged();
    await vi.waitFor(() => expect(run.visible.value).toBe(false));
  });
});

describe('project store', () => {
  const summary = (name: string, over: Partial<ProjectSummary> = {}) => ({ name, unsaved: false, undoLabel: null, redoLabel: null, ...over }) as ProjectSummary;
  beforeEach(() => setActivePinia(createPinia()));

  it('keeps a failure as it came (sentence, code, params) under the name of what caused it and changes nothing else', async () => {
    const gone = { ok: false as const, error: 'cannot read /p/gone.rnnlab: no such file', code: 'file-not-found' as const, params: { path: 'gone.rnnlab' } };
    holder.lab = fakeLab({
      openExample: async (id) => (id === 'adding-srn' ? { ok: true, value: summary('adding') } : { ok: false, error: `no example '${id}'` }),
      openProject: async () => gone,
    }).lab;
    const store = useProjectStore();
    expect(await store.openExample('adding-srn')).toBe(true);
    expect(store.project?.name).toBe('adding');
    expect(await store.openExample('nope')).toBe(false);
    expect(store.errors['example:nope']).toEqual({ ok: false, error: "no example 'nope'" });
    expect(await store.openRecent('/p/gone.rnnlab')).toBe(false);
    expect(store.errors['recent:/p/gone.rnnlab']).toEqual(gone);
    expect(store.errors['example:adding-srn']).toBeNull();
    expect(store.project?.name).toBe('adding');
  });

  it('shows what an edit changed and clears it when another project opens', async () => {
    const edit = { kind: 'remedy', params: { action: 'relu-identity', from: 'tanh' } } as const;
    const outcome: EditOutcome = {
      summary: summary('adding', { unsaved: true, undoLabel: 'spec' }), message: 'Switched tanh to ReLU', kept: ['head.weight'], reinitialised: ['weight_hh_l0'],
      edit, direction: 'do', changes: [], notes: [],
    };
    const fake = fakeLab({ updateSpec: async () => ({ ok: true, value: outcome }), undo: async () => ({ ok: true, value: { ...outcome, message: 'Undid spec' } }), newProject: async () => ({ ok: true, value: summary('fresh') }) });
    holder.lab = fake.lab;
    const store = useProjectStore();
    await store.edit('spec', () => holder.lab.updateSpec({ arch: 'rnn' }));
    expect(store.lastEdit).toMatchObject({ source: 'spec', message: 'Switched tanh to ReLU', kept: ['head.weight'], reinitialised: ['weight_hh_l0'] });
    // The notice words the edit from its kind and numbers (i18n/core-wording.ts), so it keeps them.
    expect(store.lastEdit?.outcome).toMatchObject({ edit, direction: 'do', kept: ['head.weight'], reinitialised: ['weight_hh_l0'] });
    expect(store.project?.undoLabel).toBe('spec');
    await store.undo();
    expect(store.lastEdit?.message).toBe('Undid spec');
    await store.newProject({ spec: { arch: 'elman' } });
    expect(store.lastEdit).toBeNull();
    expect(fake.calls).toEqual(['onProjectChanged', 'updateSpec', 'undo', 'newProject']);
  });

  it('loads examples, recent files and recovery copies, each failure on its own', async () => {
    holder.lab = fakeLab({
      engineInfo: async () => ({ ok: true, value: { name: 'reference', warning: 'native kernel missing' } }),
      describeProject: async () => ({ ok: false, error: 'no project is open' }),
      listExamples: async () => ({ ok: true, value: [] }),
      listRecentProjects: async () => ({ ok: true, value: [{ path: '/x.rnnlab', name: 'x', openedAt: '2026-01-01T00:00:00Z', exists: false }] }),
      listRecoveries: async () => ({ ok: false, error: 'recovery folder unreadable' }),
    }).lab;
    const store = useProjectStore();
    await store.load();
    expect(store.engine?.warning).toBe('native kernel missing');
    expect(store.recents[0].exists).toBe(false);
    expect(store.errors.recoveries).toEqual({ ok: false, error: 'recovery folder unreadable' });
    expect(store.errors.recents).toBeNull();
    expect(store.project).toBeNull();
  });
});
