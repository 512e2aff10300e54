// The open project and everything about it that is not in the file: where it lives, whether it has unsaved
// changes, the undo/redo stacks of labelled edits, what blocks edits (a run in progress), and change listeners.
// Every project edit (spec, task, settings, remedy, weight reset, a finished run) goes through `edit`.
import type { EditLabel, EditNote, EditOutcome, FieldChange, ProjectSummary } from '../../api/lab-api';
import type { Project } from '../project/types';
import { RequestError } from './results';
import { summarizeProject } from './summary';

/** What an edit produced: the new project and what it did, in one sentence, by weight name, and as fields changed. */
export interface Edit {
  project: Project;
  message: string;
  kept?: string[];
  reinitialised?: string[];
  changes?: FieldChange[];
  notes?: EditNote[];
}

interface UndoEntry {
  label: string;
  what: EditLabel;
  message: string;
  before: Project;
  after: Project;
  kept: string[];
  reinitialised: string[];
  changes: FieldChange[];
  notes: EditNote[];
}

type Outcome = Pick<UndoEntry, 'what' | 'kept' | 'reinitialised' | 'changes' | 'notes'>;

/** Undo keeps this many edits (each holds two project snapshots; weights are shared, not copied, when unchanged). */
export const UNDO_DEPTH = 50;

export class Workspace {
  private current: Project | null = null;
  private file: string | null = null;
  private dirty = false;
  private undoStack: UndoEntry[] = [];
  private redoStack: UndoEntry[] = [];
  private readonly listeners = new Set<(summary: ProjectSummary | null) => void>();
  private readonly replaceListeners = new Set<() => void>();
  /** Why edits are refused right now (a run in progress), or null. */
  private lock: string | null = null;

  get project(): Project | null {
    return this.current;
  }

  get path(): string | null {
    return this.file;
  }

  get unsaved(): boolean {
    return this.dirty;
  }

  require(): Project {
    if (!this.current) throw new RequestError('no project is open: create a new project or open a file first', { code: 'no-project', params: {} });
    return this.current;
  }

  summary(): ProjectSummary {
    return summarizeProject(this.require(), {
      path: this.file,
      unsaved: this.dirty,
      undoLabel: this.undoStack.at(-1)?.label ?? null,
      redoLabel: this.redoStack.at(-1)?.label ?? null,
      undo: this.undoStack.at(-1)?.what ?? null,
      redo: this.redoStack.at(-1)?.what ?? null,
    });
  }

  /** A new, opened or restored project: the undo history starts again. */
  replace(project: Project, path: string | null, unsaved: boolean): void {
    this.requireUnlocked('open another project');
    this.current = project;
    this.file = path;
    this.dirty = unsaved;
    this.undoStack = [];
    this.redoStack = [];
    for (const listener of [...this.replaceListeners]) listener();
    this.emit();
  }

  /** Hears a project being replaced by another (new, opened, restored): state about the old one goes. */
  onReplace(listener: () => void): () => void {
    this.replaceListeners.add(listener);
    return () => void this.replaceListeners.delete(listener);
  }

  /** The project is on disk at `path` (or went out as a download: path unchanged). */
  markSaved(path: string | null = this.file): void {
    this.file = path;
    this.dirty = false;
    this.emit();
  }

  /** Applies an edit under `label` (undoable; `what` is the label as a kind and numbers); answers what it did. */
  edit(label: string, edit: Edit, what: EditLabel = { kind: 'other', params: { label } }): EditOutcome {
    const before = this.require();
    this.requireUnlocked(label);
    const entry: UndoEntry = {
      label,
      what,
      message: edit.message,
      before,
      after: edit.project,
      kept: edit.kept ?? [],
      reinitialised: edit.reinitialised ?? [],
      changes: edit.changes ?? [],
      notes: edit.notes ?? [],
    };
    this.undoStack.push(entry);
    if (this.undoStack.length > UNDO_DEPTH) this.undoStack.shift();
    this.redoStack = [];
    return this.apply(entry.after, entry.message, 'do', entry);
  }

  /** What an edit would answer without changing anything (a patch equal to what the project has): not undoable. */
  unchanged(message: string, what: EditLabel): EditOutcome {
    return { summary: this.summary(), message, kept: [], reinitialised: [], edit: what, direction: 'do', changes: [], notes: [] };
  }

  undo(): EditOutcome {
    this.require();
    this.requireUnlocked('undo');
    const entry = this.undoStack.pop();
    if (!entry) throw new RequestError('nothing to undo', { code: 'nothing-to-undo', params: {} });
    this.redoStack.push(entry);
    // Undoing swaps each change's old and new value.
    const changes = entry.changes.map((c) => ({ field: c.field, from: c.to, to: c.from }));
    return this.apply(entry.before, `Undid "${entry.label}".`, 'undo', { ...entry, changes });
  }

  redo(): EditOutcome {
    this.require();
    this.requireUnlocked('redo');
    const entry = this.redoStack.pop();
    if (!entry) throw new RequestError('nothing to redo', { code: 'nothing-to-redo', params: {} });
    this.undoStack.push(entry);
    return this.apply(entry.after, `Redid "${entry.label}": ${entry.message}`, 'redo', entry);
  }

  /** While set, edits answer "cannot <edit> while <reason>". */
  setLock(reason: string | null): void {
    this.lock = reason;
  }

  get locked(): string | null {
    return this.lock;
  }

  onChange(listener: (summary: ProjectSummary | null) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private requireUnlocked(what: string): void {
    if (this.lock) throw new RequestError(`cannot ${what.toLowerCase()} while ${this.lock}: stop it first`, { code: 'edit-while-running', params: {} });
  }

  private apply(project: Project, message: string, direction: EditOutcome['direction'], entry: Outcome): EditOutcome {
    this.current = project;
    this.dirty = true;
    this.emit();
    return {
      summary: this.summary(),
      message,
      kept: [...entry.kept],
      reinitialised: [...entry.reinitialised],
      edit: structuredClone(entry.what),
      direction,
      changes: structuredClone(entry.changes),
      notes: structuredClone(entry.notes),
    };
  }

  private emit(): void {
    const summary = this.current ? this.summary() : null;
    for (const listener of [...this.listeners]) {
      try {
        listener(summary);
      } catch {
        // A broken listener (a closed window, a dropped connection) must not break the request that changed the project.
      }
    }
  }
}
