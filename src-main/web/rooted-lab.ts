// The Lab service as browser mode serves it: every method passes through, except the four that take a path, which
// may name only project/ONNX files under the served folder (root-paths.ts), and listRecentProjects, which lists the
// project files under that folder (the browser has no recent list of its own).
import type { LabCoreApi, OnnxExportReport, RecentProject, Result, SavedProject } from '../api/lab-api';
import { attempt, failureError } from '../core/lab/results';
import { findProjects } from './project-finder';
import type { ServedRoot } from './root-paths';

export function rootedLab(lab: LabCoreApi, root: ServedRoot): LabCoreApi {
  const unwrap = async <T>(result: Promise<Result<T>>): Promise<T> => {
    const answer = await result;
    // The service's own sentence (and its code) passes through unchanged.
    if (!answer.ok) throw failureError(answer);
    return answer.value;
  };
  const guarded = <T>(work: () => Promise<T>): Promise<Result<T>> => attempt(work);

  const overrides: Partial<LabCoreApi> = {
    openProject: (path: unknown) => guarded(async () => unwrap(lab.openProject(await root.forReading(path, 'project', 'open project')))),
    saveProject: (path?: unknown) =>
      guarded(async (): Promise<SavedProject> => {
        // Without a path the project goes back to its own file, which was checked when it was opened; check again.
        const own = path === undefined ? (await unwrap(lab.describeProject())).path : path;
        if (own === null) return unwrap(lab.saveProject());
        return unwrap(lab.saveProject(await root.forWriting(own, 'project', 'save project')));
      }),
    openOnnx: (path: unknown) => guarded(async () => unwrap(lab.openOnnx(await root.forReading(path, 'onnx', 'open ONNX')))),
    exportOnnx: (options?: unknown) =>
      guarded(async (): Promise<OnnxExportReport> => {
        const given = options !== null && typeof options === 'object' ? (options as { path?: unknown }).path : undefined;
        if (given === undefined) return unwrap(lab.exportOnnx(options as Parameters<LabCoreApi['exportOnnx']>[0]));
        const path = await root.forWriting(given, 'onnx', 'export ONNX');
        return unwrap(lab.exportOnnx({ ...(options as object), path }));
      }),
    listRecentProjects: () => attempt((): Promise<RecentProject[]> => findProjects(root.folder)),
  };
  return new Proxy(lab, {
    get(target, key, receiver) {
      if (typeof key === 'string' && key in overrides) return overrides[key as keyof LabCoreApi];
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
