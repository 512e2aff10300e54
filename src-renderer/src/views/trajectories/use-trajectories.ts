// Loads trajectory views for the Trajectories page: the current weights or a saved snapshot, projected on a fixed
// basis when asked, with the user's probes; snapshot views are cached so the training-step slider replays smoothly.
import { ref, shallowRef } from 'vue';
import { lab, type Failure, type ProbeInput, type TrajectoryView } from '../../api';
import { useProjectStore } from '../../stores/project';

export type LoadStatus = 'idle' | 'running' | 'done' | 'error';

export function useTrajectories() {
  const store = useProjectStore();
  const view = shallowRef<TrajectoryView | null>(null);
  const status = ref<LoadStatus>('idle');
  const error = ref<Failure | null>(null);
  /** Steps of the saved snapshots of the latest run (empty when none were kept). */
  const snapshotSteps = ref<number[]>([]);
  const cache = new Map<string, TrajectoryView>();
  let ticket = 0;

  async function loadSnapshots(): Promise<void> {
    const runs = await lab.listRuns();
    const last = runs.ok ? runs.value.at(-1) : undefined;
    if (!last) { snapshotSteps.value = []; return; }
    const detail = await lab.getRun(last.id);
    snapshotSteps.value = detail.ok ? detail.value.snapshotSteps : [];
  }

  /** Fetches one view; the answer of an older request that arrives late is dropped. */
  async function load(options: { probes?: ProbeInput[]; layer?: number; snapshotStep?: number; basisStep?: number | null }): Promise<void> {
    const key = JSON.stringify(options);
    const cached = cache.get(key);
    if (cached) { view.value = cached; status.value = 'done'; error.value = null; return; }
    const mine = ++ticket;
    status.value = 'running';
    const result = await lab.trajectories(options);
    if (mine !== ticket) return;
    if (!result.ok) { status.value = 'error'; error.value = result; return; }
    if (cache.size > 80) cache.clear();
    cache.set(key, result.value);
    view.value = result.value;
    status.value = 'done';
    error.value = null;
  }

  function forget(): void {
    cache.clear();
  }

  return { store, view, status, error, snapshotSteps, loadSnapshots, load, forget };
}
