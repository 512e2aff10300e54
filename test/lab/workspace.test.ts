// The workspace on its own: replace/edit/undo/redo with labels and the unsaved flag, the undo depth bound, the
// lock a run holds, markSaved, and listeners that throw.
import { describe, expect, it } from 'vitest';
import { Workspace, UNDO_DEPTH } from '../../src-main/core/lab/workspace';
import { newProject } from '../../src-main/core/project/create';
import { parseModelSpec } from '../../src-main/core/spec/schema';

const project = (name: string) => newProject(name, parseModelSpec({ arch: 'rnn', input_size: 1, hidden_size: 2 }));

describe('Workspace', () => {
  it('tracks path, unsaved and the undo/redo labels; a replace starts a new history', () => {
    const w = new Workspace();
    expect(() => w.require()).toThrow('no project is open: create a new project or open a file first');
    w.replace(project('a'), '/tmp/a.rnnlab', false);
    expect(w.summary()).toMatchObject({ name: 'a', path: '/tmp/a.rnnlab', unsaved: false, undoLabel: null, redoLabel: null, task: null, runCount: 0 });
    const outcome = w.edit('Rename', { project: { ...project('b') }, message: 'Renamed.', kept: ['x'] });
    expect(outcome).toMatchObject({ message: 'Renamed.', kept: ['x'], reinitialised: [], summary: { name: 'b', unsaved: true, undoLabel: 'Rename' } });
    expect(w.undo()).toMatchObject({ message: 'Undid "Rename".', summary: { name: 'a', undoLabel: null, redoLabel: 'Rename' } });
    expect(w.redo().summary.name).toBe('b');
    w.markSaved('/tmp/b.rnnlab');
    expect(w.summary()).toMatchObject({ path: '/tmp/b.rnnlab', unsaved: false, undoLabel: 'Rename' });
    w.replace(project('c'), null, true);
    expect(w.summary()).toMatchObject({ undoLabel: null, redoLabel: null, unsaved: true });
    expect(() => w.undo()).toThrow('nothing to undo');
  });

  it(`keeps at most ${UNDO_DEPTH} edits`, () => {
    const w = new Workspace();
    w.replace(project('p0'), null, true);
    for (let i = 1; i <= UNDO_DEPTH + 5; i++) w.edit(`edit ${i}`, { project: project(`p${i}`), message: '' });
    let undone = 0;
    while (w.summary().undoLabel !== null) {
      w.undo();
      undone++;
    }
    expect(undone).toBe(UNDO_DEPTH);
    expect(w.summary().name).toBe('p5');
  });

  it('refuses edits, undo and replacing the project while locked, and says why', () => {
    const w = new Workspace();
    w.replace(project('a'), null, true);
    w.edit('Rename', { project: project('b'), message: '' });
    w.setLock('a run is in progress');
    expect(() => w.edit('Change hidden_size', { project: project('c'), message: '' })).toThrow('cannot change hidden_size while a run is in progress: stop it first');
    expect(() => w.undo()).toThrow('cannot undo while a run is in progress: stop it first');
    expect(() => w.replace(project('d'), null, true)).toThrow('cannot open another project while a run is in progress: stop it first');
    w.setLock(null);
    expect(w.undo().summary.name).toBe('a');
  });

  it('hears every change; a listener that throws does not break the change or the other listeners', () => {
    const w = new Workspace();
    const names: (string | undefined)[] = [];
    w.onChange(() => {
      throw new Error('closed window');
    });
    const off = w.onChange((s) => names.push(s?.name));
    let replaced = 0;
    w.onReplace(() => replaced++);
    w.replace(project('a'), null, true);
    w.edit('Rename', { project: project('b'), message: '' });
    w.markSaved(null);
    off();
    w.undo();
    expect(names).toEqual(['a', 'b', 'b']);
    expect(replaced).toBe(1);
  });
});
