// The project summary LabApi hands to the UI: the validated spec plus every parameter's name, shape and size
// (the same numbers `rnnlab info` prints, from project/summary.ts), the task, the run count, where the project lives
// on disk, and the undo/redo labels the workspace passes in.
import type { EditLabel, ProjectSummary, ProjectTaskView } from '../../api/lab-api';
import { projectSummary } from '../project/index';
import type { Project } from '../project/types';
import { getTask } from '../tasks/index';

export interface SummaryState {
  path: string | null;
  unsaved: boolean;
  undoLabel?: string | null;
  redoLabel?: string | null;
  undo?: EditLabel | null;
  redo?: EditLabel | null;
}

export function summarizeProject(project: Project, state: SummaryState): ProjectSummary {
  const info = projectSummary(project);
  return {
    name: project.name,
    path: state.path,
    unsaved: state.unsaved,
    spec: { ...project.spec, init: { ...project.spec.init } },
    directions: info.directions,
    parameters: info.tensors,
    parameterCount: info.parameters,
    task: taskView(project.task),
    runCount: runCount(project.history),
    undoLabel: state.undoLabel ?? null,
    redoLabel: state.redoLabel ?? null,
    undo: state.undo ? structuredClone(state.undo) : null,
    redo: state.redo ? structuredClone(state.redo) : null,
  };
}

/** The task section as the UI shows it; a section that does not name a task id counts as none. */
function taskView(task: Record<string, unknown> | null): ProjectTaskView | null {
  if (task === null || typeof task.id !== 'string') return null;
  let title = task.id;
  try {
    title = getTask(task.id).title;
  } catch {
    // An unknown task id (a file from a newer version): the id is the best title there is.
  }
  const params = task.params !== null && typeof task.params === 'object' ? { ...(task.params as Record<string, unknown>) } : {};
  return {
    id: task.id,
    title,
    params,
    seed: typeof task.seed === 'number' ? task.seed : 0,
    description: typeof task.description === 'string' ? task.description : null,
  };
}

/** Runs in the history section: the `runs` list the lab keeps, or one for an older file that trained once. */
function runCount(history: Record<string, unknown> | null): number {
  if (history === null) return 0;
  if (Array.isArray(history.runs)) return history.runs.length;
  return history.curves !== undefined ? 1 : 0;
}
