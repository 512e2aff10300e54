// Loads trajectory views for the Trajectories page: the current weights or a kept snapshot, projected on a fixed
// basis when asked, with the user's probes; snapshot views are cached so the training-step slider replays smoothly.
// While a run is going, its kept snapshot steps are the slider's (the core answers them before the run ends), and
// new ones join as the run keeps them.
import { ref, shallowRef } from 'vue';
import { lab, type Failure, type ProbeInput, type TrajectoryView } from '../../api';
import { createThrottle } from '../../composables/throttle';
import { useProjectStore } from '../../stores/project';
import { isLiveRun } from '../../stores/run-state';

export type LoadStatus = 'idle' | 'running' | 'done' | 'error';


export function useTrajectories() {
  const store = useProjectStore();
  const view = shallowRef<TrajectoryView | null>(null);
  const status = ref<LoadStatus>('idle');
  const error = ref<Failure | null>(null);
  /** Steps of the kept snapshots of the run in progress, else of the latest run (empty when none were kept). */
  const snapshotSteps = ref<number[]>([]);
  const cache = new Map<string, TrajectoryView>();
  let ticket = 0;

  async function loadSnapshots(): Promise<void> {
    const now = await lab.trainingStatus();
    if (now.ok && isLiveRun(now.value.status)) {
      const live = await lab.getRun('current');
      if (live.ok) { snapshotSteps.value = live.value.snapshotSteps; return; }
    }
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

  /** Calls `onSteps` with the run's kept snapshot steps as a run keeps new ones (at most once a second); returns the
   * unsubscribe. */
  function followSnapshots(onSteps: (steps: number[]) => void): () => void {
    let latest: number[] | null = null;
    const throttle = createThrottle(() => latest && onSteps(latest), 1000);
    const stop = lab.onTrainingEvent((event) => {
      if (event.type !== 'snapshot') return;
      latest = event.steps;
      throttle.poke();
    });
    return () => { throttle.cancel(); stop(); };
  }

  return { store, view, status, error, snapshotSteps, loadSnapshots, followSnapshots, load, forget };
}
