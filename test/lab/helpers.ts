// Shared pieces of the lab tests: unwrapping results, and a tiny trainable project (gated net on a small Tomita
// split) opened straight into a service's workspace.
import type { Result, RunStatus, TrainingEvent } from '../../src-main/api/lab-api';
import type { LabService } from '../../src-main/core/lab/lab-service';
import { tomitaProject } from '../train-session/helpers';

export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, found error: ${result.error}`);
  return result.value;
}

export function error(result: Result<unknown>): string {
  if (result.ok) throw new Error('expected an error, found ok');
  return result.error;
}

/** Opens a small Tomita project with `settings` as a new, unsaved project. */
export function openTomita(lab: LabService, settings: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): void {
  lab.context.workspace.replace(tomitaProject(settings, spec), null, true);
}

/** Resolves with the first status event whose status is one of `wanted`. */
export function nextStatus(lab: LabService, wanted: RunStatus['status'][], timeoutMs = 60_000): Promise<RunStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no status ${wanted.join('/')} within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = lab.onTrainingEvent((event: TrainingEvent) => {
      if (event.type === 'status' && wanted.includes(event.status.status)) {
        clearTimeout(timer);
        stop();
        resolve(event.status);
      }
    });
  });
}
