// The lab store: engine in use, open project, examples, and the state of the last request.
// Shared by every view; each action is one LabApi call, so views hold no lab logic of their own.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { lab, type EngineInfo, type ExampleInfo, type NewProjectRequest, type ProjectSummary, type Result } from '../api';

export type RequestStatus = 'idle' | 'running' | 'done' | 'error';

export const useLabStore = defineStore('lab', () => {
  const engine = ref<EngineInfo | null>(null);
  const project = ref<ProjectSummary | null>(null);
  const examples = ref<ExampleInfo[]>([]);
  const status = ref<RequestStatus>('idle');
  const error = ref<string | null>(null);
  /** A one-line confirmation of the last successful action, e.g. where the project was saved. */
  const notice = ref<string | null>(null);

  async function run<T>(request: () => Promise<Result<T>>): Promise<T | null> {
    status.value = 'running';
    error.value = null;
    notice.value = null;
    const result = await request();
    if (!result.ok) {
      status.value = 'error';
      error.value = result.error;
      return null;
    }
    status.value = 'done';
    return result.value;
  }

  // Changes made elsewhere (the app menu's Open/Save) reach the page through this subscription.
  lab.onProjectChanged((summary) => (project.value = summary));

  async function load(): Promise<void> {
    engine.value = await run(() => lab.engineInfo());
    examples.value = (await run(() => lab.listExamples())) ?? [];
    const current = await lab.describeProject();
    if (current.ok) project.value = current.value;
  }

  async function createProject(request: NewProjectRequest): Promise<void> {
    const summary = await run(() => lab.newProject(request));
    if (summary) project.value = summary;
  }

  async function openExample(id: string): Promise<void> {
    const summary = await run(() => lab.openExample(id));
    if (summary) project.value = summary;
  }

  async function openProject(path: string): Promise<void> {
    const summary = await run(() => lab.openProject(path));
    if (summary) project.value = summary;
  }

  async function saveProject(path?: string): Promise<void> {
    const saved = await run(() => lab.saveProject(path));
    if (saved) notice.value = `Saved to ${saved.path}${saved.backupPath ? ` (previous version kept as ${saved.backupPath})` : ''}`;
  }

  return { engine, project, examples, status, error, notice, load, createProject, openExample, openProject, saveProject };
});
