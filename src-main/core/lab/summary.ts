// The project summary LabApi hands to the UI: the validated spec plus every parameter's name, shape and size
// (the same numbers `rnnlab info` prints, from project/summary.ts), and where the project lives on disk.
import type { ProjectSummary } from '../../api/lab-api';
import { projectSummary } from '../project/index';
import type { Project } from '../project/types';

export function summarizeProject(project: Project, path: string | null, unsaved: boolean): ProjectSummary {
  const info = projectSummary(project);
  return {
    name: project.name,
    path,
    unsaved,
    spec: { ...project.spec, init: { ...project.spec.init } },
    directions: info.directions,
    parameters: info.tensors,
    parameterCount: info.parameters,
  };
}
