// The run status the header shows (status, steps, steps/s, ETA, engine) and the compute-lost flag, read straight
// from the training stream. One subscription for the whole app, whoever calls it first; UI-TRAIN's run store keeps
// the curves. Progress and labels are computed by the pure runProgress() (tested in Node).
import { computed, ref } from 'vue';
import { lab, type ComputeExit, type RunStatus } from '../api';

const status = ref<RunStatus | null>(null);
/** Why the compute process died; null while it is alive (or after a restart). */
const computeLost = ref<string | null>(null);
/** How it ended (exit code or signal), for the banner to word; null when the core did not say. */
const computeExit = ref<ComputeExit | null>(null);
let subscribed = false;

/** Fraction done (0..1) or null when the run has no known length. */
export function runProgress(run: RunStatus | null): number | null {
  if (!run || run.totalSteps <= 0) return null;
  return Math.min(1, Math.max(0, run.step / run.totalSteps));
}

/** Whether the header shows a run at all: idle with no step taken is nothing to show. */
export function runIsVisible(run: RunStatus | null): boolean {
  return run !== null && !(run.status === 'idle' && run.step === 0);
}

/** Counts streamed statuses, so an answer to trainingStatus() never overwrites a newer one from the stream. */
let heard = 0;

/** Asks the core for the status; kept unless the stream said something newer meanwhile. */
function refresh(): void {
  const asked = heard;
  void lab.trainingStatus().then((r) => {
    if (r.ok && heard === asked) status.value = r.value;
  });
}

export function useRunStatus() {
  if (!subscribed) {
    subscribed = true;
    lab.onTrainingEvent((event) => {
      if (event.type === 'status' || event.type === 'metrics') {
        heard++;
        status.value = event.status;
      } else if (event.type === 'compute-lost') {
        computeLost.value = event.reason;
        computeExit.value = event.exit ?? null;
      }
    });
    // Another project opened: the core's run state went back to idle without a stream message, so the header would
    // still show the previous project's finished run as if it were live. Ask again on every project change.
    lab.onProjectChanged(() => refresh());
    refresh();
  }
  const progress = computed(() => runProgress(status.value));
  const visible = computed(() => runIsVisible(status.value));
  const clearComputeLost = () => {
    computeLost.value = null;
    computeExit.value = null;
  };
  return { status, computeLost, computeExit, progress, visible, clearComputeLost };
}
