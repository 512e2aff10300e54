// The Train page's state as a plain setup function of a LabApi (so Node tests pass a fake): run status, the bounded
// live series, alerts, evaluations, the run list and settings. Points, alerts and evaluations arrive through `receive`
// and reach the page on `flush` (useTrainingStream calls it at most 4 times a second), so the alert list and the
// evaluation panel re-render at most that often; arrays never grow with the number of steps.
import { computed, reactive, ref, shallowRef } from 'vue';
import type {
  AlertView, EvaluationView, Failure, LabApi, Result, RunDetail, RunRecord, RunStatus, RunStatusName, SettingsPatch, SettingsView, StepPoint,
  TrainingEvent,
} from '../../../src-main/api/lab-api';
import { appendBounded, LIVE_CAPACITY, thinList } from '../charts/series/decimate';

/** Alerts and evaluations kept per run (older ones thinned; the run history in the project keeps the rest). */
export const ALERT_CAPACITY = 200;
export const EVALUATION_CAPACITY = 200;

/** Whether a run in this state is the live one (it has started and not ended). */
export function isLiveRun(state: RunStatusName): boolean {
  return state === 'running' || state === 'paused' || state === 'stopping';
}

export function createRunState(lab: LabApi, capacity = LIVE_CAPACITY) {
  const status = ref<RunStatus | null>(null);
  /** Run whose curves are shown: the live one (null before any run) or a past one picked from `runs`. */
  const runId = ref<string | null>(null);
  const viewingPast = ref(false);
  const points = shallowRef<StepPoint[]>([]);
  const alerts = shallowRef<AlertView[]>([]);
  const evaluations = shallowRef<EvaluationView[]>([]);
  const runs = ref<RunRecord[]>([]);
  const settings = shallowRef<SettingsView | null>(null);
  /** Each request's failure as the core gave it (sentence, code, params); null after success. */
  const errors = reactive<Record<string, Failure | null>>({});
  const busy = reactive<Record<string, boolean>>({});
  /** Bumped on every flush that changed the curves: charts redraw when it moves. */
  const version = ref(0);
  let pending: StepPoint[] = [];
  let pendingAlerts: AlertView[] = [];
  let pendingEvaluations: EvaluationView[] = [];

  async function call<T>(source: string, request: () => Promise<Result<T>>): Promise<T | null> {
    busy[source] = true;
    errors[source] = null;
    const result = await request();
    busy[source] = false;
    if (!result.ok) {
      errors[source] = result;
      return null;
    }
    return result.value;
  }

  function clearCurves(id: string | null): void {
    runId.value = id;
    pending = [];
    pendingAlerts = [];
    pendingEvaluations = [];
    points.value = [];
    alerts.value = [];
    evaluations.value = [];
    version.value++;
  }

  /** Whether a live message of run `id` belongs on the charts; a new run replaces the curves. A past run being
   * viewed keeps the charts until the user starts training or picks the live run again. */
  function follow(id: string | null): boolean {
    if (id === null || viewingPast.value) return false;
    if (id !== runId.value) clearCurves(id);
    return true;
  }

  function receive(event: TrainingEvent): void {
    switch (event.type) {
      case 'status':
        status.value = event.status;
        if (event.status.runId && ['running', 'paused'].includes(event.status.status)) follow(event.status.runId);
        break;
      case 'metrics':
        status.value = event.status;
        if (follow(event.runId)) pending.push(...event.points);
        if (pending.length > capacity) flush(); // the redraw timer is late: keep memory bounded anyway
        break;
      case 'alert':
        if (follow(event.runId)) pendingAlerts = thinList([...pendingAlerts, event.alert], ALERT_CAPACITY);
        break;
      case 'evaluation':
        if (follow(event.runId)) pendingEvaluations = thinList([...pendingEvaluations, event.evaluation], EVALUATION_CAPACITY);
        break;
      case 'snapshot':
      case 'compute-lost':
        break;
    }
  }

  /** Moves what was received since the last flush into the bounded lists; false when nothing was. */
  function flush(): boolean {
    if (pendingAlerts.length > 0) alerts.value = thinList([...alerts.value, ...pendingAlerts], ALERT_CAPACITY);
    if (pendingEvaluations.length > 0) evaluations.value = thinList([...evaluations.value, ...pendingEvaluations], EVALUATION_CAPACITY);
    const changed = pendingAlerts.length + pendingEvaluations.length > 0;
    pendingAlerts = [];
    pendingEvaluations = [];
    if (pending.length === 0) return changed;
    points.value = appendBounded(points.value, pending, capacity);
    pending = [];
    version.value++;
    return true;
  }

  function show(detail: RunDetail): void {
    const live = { points: pending, alerts: pendingAlerts, evaluations: pendingEvaluations };
    clearCurves(detail.id);
    points.value = appendBounded([], detail.points, capacity);
    alerts.value = thinList(detail.alerts, ALERT_CAPACITY);
    evaluations.value = thinList(detail.evaluations, EVALUATION_CAPACITY);
    if (!viewingPast.value) {
      // What streamed in while the request was out; points at or before the detail's last step are dropped.
      pending = live.points;
      const last = detail.points.at(-1)?.step ?? 0;
      pendingAlerts = live.alerts.filter((a) => a.step > last);
      pendingEvaluations = live.evaluations.filter((e) => e.step > last);
    }
    flush();
  }

  /** Everything the page needs after a (re)load: settings, status, the live run's curves, the run list. */
  async function load(): Promise<void> {
    await Promise.all([
      refreshSettings(),
      refreshRuns(),
      call('status', () => lab.trainingStatus()).then((s) => s && (status.value = s)),
    ]);
    // The live run (none yet is not an error for this page), or the past run the user is looking at.
    let detail = viewingPast.value && runId.value ? await lab.getRun(runId.value) : null;
    if (!detail?.ok) {
      viewingPast.value = false;
      detail = await lab.getRun('current');
    }
    if (detail.ok) show(detail.value);
    else clearCurves(null);
  }

  async function refreshSettings(): Promise<void> {
    const view = await call('settings', () => lab.getSettings());
    if (view) settings.value = view;
  }

  async function refreshRuns(): Promise<void> {
    const list = await call('runs', () => lab.listRuns());
    if (list) runs.value = list;
  }

  /** Shows a past run from the project's history (or the live one again with 'current'). */
  async function viewRun(id: string): Promise<boolean> {
    const detail = await call('viewRun', () => lab.getRun(id));
    if (!detail) return false;
    viewingPast.value = id !== 'current' && detail.id !== status.value?.runId;
    show(detail);
    return true;
  }

  const control = (source: string, request: () => Promise<Result<RunStatus>>) =>
    call(source, request).then((s) => {
      if (s) status.value = s;
      return s;
    });

  async function start(): Promise<void> {
    viewingPast.value = false;
    if (await control('start', () => lab.startTraining())) void refreshRuns();
  }

  async function updateSetting(patch: SettingsPatch, source: string): Promise<boolean> {
    const outcome = await call(source, () => lab.updateSettings(patch));
    if (outcome) await refreshSettings();
    return outcome !== null;
  }

  const state = computed(() => status.value?.status ?? 'idle');
  const active = computed(() => isLiveRun(state.value));

  return {
    status, state, active, runId, viewingPast, points, alerts, evaluations, runs, settings, errors, busy, version,
    receive, flush, load, refreshSettings, refreshRuns, viewRun, updateSetting, start,
    pause: () => control('pause', () => lab.pauseTraining()),
    resume: () => control('resume', () => lab.resumeTraining()),
    step: () => control('step', () => lab.stepTraining(1)),
    stop: () => control('stop', () => lab.stopTraining()),
  };
}

export type RunState = ReturnType<typeof createRunState>;
