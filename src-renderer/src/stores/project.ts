// The open project and what the Start page lists (examples, recent files, recovery copies), plus the engine.
// Each action is one LabApi call; a failure is kept under the name of what caused it (errors[source]) so the view
// shows the core's sentence next to that control, and nothing else changes.
import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import {
  lab, type EditOutcome, type EngineInfo, type ExampleInfo, type FileBytes, type NewProjectRequest, type ProjectSummary,
  type Failure, type RecentProject, type RecoveryCopy, type Result,
} from '../api';

export type RequestStatus = 'idle' | 'running' | 'done' | 'error';

/** The last edit's sentence, shown with an Undo button until the next edit or a dismissal; `outcome` has the
 * edit as kinds and numbers for the notice to word (absent from an older core). */
export interface LastEdit {
  source: string;
  message: string;
  kept: string[];
  reinitialised: string[];
  outcome?: Pick<EditOutcome, 'edit' | 'direction' | 'changes' | 'notes' | 'kept' | 'reinitialised' | 'message'>;
}

export const useProjectStore = defineStore('project', () => {
  const engine = ref<EngineInfo | null>(null);
  const project = ref<ProjectSummary | null>(null);
  const examples = ref<ExampleInfo[]>([]);
  const recents = ref<RecentProject[]>([]);
  const recoveries = ref<RecoveryCopy[]>([]);
  const lastEdit = ref<LastEdit | null>(null);
  /** Where the last save went (a path, or null for a browser download), until the next action. */
  const lastSave = ref<{ path: string | null; backupPath: string | null } | null>(null);
  const status = reactive<Record<string, RequestStatus>>({});
  /** Each request's failure as the core gave it (sentence, code, params), for ErrorLine to word; null after success. */
  const errors = reactive<Record<string, Failure | null>>({});

  /** Runs one request under `source`: its status, and its error next to whatever `source` names in the view. */
  async function call<T>(source: string, request: () => Promise<Result<T>>): Promise<T | null> {
    status[source] = 'running';
    errors[source] = null;
    const result = await request();
    if (!result.ok) {
      status[source] = 'error';
      errors[source] = result;
      return null;
    }
    status[source] = 'done';
    return result.value;
  }

  const busy = (source: string) => status[source] === 'running';

  lab.onProjectChanged((summary) => (project.value = summary));

  async function load(): Promise<void> {
    await Promise.all([
      call('engine', () => lab.engineInfo()).then((v) => v && (engine.value = v)),
      lab.describeProject().then((r) => r.ok && (project.value = r.value)),
      call('examples', () => lab.listExamples()).then((v) => v && (examples.value = v)),
      refreshLists(),
    ]);
  }

  async function refreshLists(): Promise<void> {
    await Promise.all([
      call('recents', () => lab.listRecentProjects()).then((v) => v && (recents.value = v)),
      call('recoveries', () => lab.listRecoveries()).then((v) => v && (recoveries.value = v)),
    ]);
  }

  function opened(summary: ProjectSummary | null): boolean {
    if (!summary) return false;
    project.value = summary;
    lastEdit.value = null;
    lastSave.value = null;
    return true;
  }

  const newProject = async (request: NewProjectRequest, source = 'new') => opened(await call(source, () => lab.newProject(request)));
  const openExample = async (id: string) => opened(await call(`example:${id}`, () => lab.openExample(id)));
  const openRecent = async (path: string) => opened(await call(`recent:${path}`, () => lab.openProject(path)));
  const openDialog = async () => opened(await call('open', () => lab.openProjectDialog()));
  const importOnnxDialog = async () => opened(await call('importOnnx', () => lab.importOnnxDialog()));
  /** Browser mode, a file the page already picked: a project file, or an ONNX model imported as a project. */
  const openBytes = async (file: FileBytes) => opened(await call('open', () => lab.openProjectBytes(file)));
  const importOnnxBytes = async (file: FileBytes) => opened(await call('importOnnx', async () => {
    const model = await lab.openOnnxBytes(file);
    return model.ok ? lab.importOnnx(model.value.modelId) : model;
  }));
  const restoreRecovery = async (id: string) => opened(await call(`recovery:${id}`, () => lab.restoreRecovery(id)));

  async function discardRecovery(id: string): Promise<void> {
    const left = await call(`recovery:${id}`, () => lab.discardRecovery(id));
    if (left) recoveries.value = left;
  }

  async function save(saveAs: boolean): Promise<boolean> {
    const saved = await call('save', () => lab.saveProjectDialog(saveAs));
    if (!saved) return false;
    lastSave.value = saved;
    const summary = await lab.describeProject();
    if (summary.ok) project.value = summary.value;
    void refreshLists();
    return true;
  }

  /** Any edit (spec, task, undo, redo...): the new summary and the sentence saying what changed. */
  async function edit(source: string, request: () => Promise<Result<EditOutcome>>): Promise<EditOutcome | null> {
    const outcome = await call(source, request);
    if (!outcome) return null;
    project.value = outcome.summary;
    lastEdit.value = { source, message: outcome.message, kept: outcome.kept, reinitialised: outcome.reinitialised };
    if (outcome.edit) {
      const { edit, direction, changes, notes, kept, reinitialised, message } = outcome;
      lastEdit.value.outcome = { edit, direction, changes, notes, kept, reinitialised, message };
    }
    lastSave.value = null;
    return outcome;
  }

  const undo = () => edit('undo', () => lab.undo());
  const redo = () => edit('redo', () => lab.redo());

  async function restartCompute(): Promise<boolean> {
    const info = await call('restart', () => lab.restartCompute());
    if (info) engine.value = info;
    return info !== null;
  }

  return {
    engine, project, examples, recents, recoveries, lastEdit, lastSave, status, errors, busy, call,
    load, refreshLists, newProject, openExample, openRecent, openDialog, importOnnxDialog, openBytes, importOnnxBytes,
    restoreRecovery, discardRecovery, save, edit, undo, redo, restartCompute,
  };
});
