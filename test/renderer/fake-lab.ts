// A fake LabApi for the renderer's Node tests: the methods a test gives, every other one answers a one-line error,
// and the training stream can be driven by hand (emit).
import type { LabApi, TrainingEvent } from '../../src-main/api/lab-api';

export interface FakeLab {
  lab: LabApi;
  calls: string[];
  emit: (event: TrainingEvent) => void;
}

export function fakeLab(methods: Partial<LabApi>): FakeLab {
  const calls: string[] = [];
  const listeners = new Set<(event: TrainingEvent) => void>();
  const base: Partial<LabApi> = {
    onTrainingEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onProjectChanged: () => () => undefined,
    ...methods,
  };
  const lab = new Proxy(base, {
    get(target, name: string) {
      const method = (target as Record<string, unknown>)[name];
      return (...args: unknown[]) => {
        calls.push(name);
        if (typeof method === 'function') return method(...args);
        return Promise.resolve({ ok: false, error: `${name} is not part of this fake` });
      };
    },
  }) as LabApi;
  return { lab, calls, emit: (event) => listeners.forEach((l) => l(event)) };
}
