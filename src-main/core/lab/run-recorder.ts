// One run's record in the project's run history (`history.runs`), built from the run's own events the same way for
// every host: the Lab service hears them from the compute process, `rnnlab train` from its worker thread. Holds the
// live RunLog (points, alerts, evaluations, snapshot steps, why it stopped) and writes it into the trained project.
// Not the run itself (train/training-run.ts) nor the status machine and stream (training.ts).
import type { AlertView, EvaluationView, StepPoint, StopReason } from '../../api/lab-api';
import type { Alert } from '../monitor/alerts';
import type { Project } from '../project/types';
import { readRunConfig } from '../train/checkpoint';
import { readRunOptions } from '../train/run-options';
import { toStepPoint } from '../train/step-points';
import type { EvaluationEvent, RunEvent, RunResult } from '../train/training-run';
import { RunLog, settingsChanges } from './training-record';
import { readStoredRuns, storeRun, withStoredRun } from './training-store';
import { alertView, evaluationView, type Policies } from './training-views';

/** What a host may change about a run beside the project's settings (the CLI's --steps/--epochs/--seed, --threads). */
export interface RunRecordOptions {
  overrides?: Record<string, unknown>;
  threads?: number;
}

export class RunRecorder {
  private constructor(
    /** The project the run started from: its stored runs are the ones this run joins. */
    private readonly base: Project,
    readonly log: RunLog,
    private readonly policies: Policies,
    private readonly allLayers: boolean,
  ) {}

  /** A new record for a run of `project` (the next run id, its settings and what changed since the last run). */
  static begin(project: Project, options: RunRecordOptions = {}): RunRecorder {
    const config = readRunConfig(project, options.overrides);
    const runOptions = readRunOptions(project);
    const run = options.threads === undefined ? runOptions : { ...runOptions, threads: options.threads };
    const stored = readStoredRuns(project.history);
    const settings = structuredClone({ training: config.settings, monitor: config.monitor, spec: project.spec, run }) as Record<string, unknown>;
    const changes = settingsChanges(stored.at(-1)?.settings ?? null, structuredClone(settings));
    const log = new RunLog(nextRunId(stored), new Date().toISOString(), settings, changes.lines, changes.changed);
    const monitor = config.monitor as Record<string, { policy?: string } | undefined>;
    const policies: Policies = {
      exploding: monitor.exploding?.policy ?? 'warn',
      vanishing: monitor.vanishing?.policy ?? 'warn',
      nonfinite: monitor.nonfinite?.policy ?? 'stop',
    };
    return new RunRecorder(project, log, policies, runOptions.all_layers);
  }

  get id(): string {
    return this.log.id;
  }

  addPoints(points: StepPoint[]): void {
    this.log.addPoints(points);
  }

  /** Keeps the alert; returns it as the contract's view (with this run's policy) for the host to stream. */
  addAlert(alert: Alert): AlertView {
    const view = alertView(alert, this.policies);
    this.log.addAlert(view);
    return view;
  }

  addEvaluation(evaluation: EvaluationEvent): EvaluationView {
    const view = evaluationView(evaluation.step, evaluation.epoch, evaluation.validation);
    this.log.addEvaluation(view);
    return view;
  }

  keepSnapshotSteps(steps: number[]): void {
    this.log.keepSnapshotSteps(steps);
  }

  /** Every event of a run heard directly (the CLI's worker): step records become points as the compute process makes them. */
  hear(event: RunEvent): void {
    if (event.type === 'metrics') this.addPoints(event.records.map((r) => toStepPoint(r, this.allLayers)));
    else if (event.type === 'alert') this.addAlert(event.alert);
    else if (event.type === 'evaluation') this.addEvaluation(event.evaluation);
    else if (event.type === 'snapshot') this.keepSnapshotSteps(event.steps);
  }

  /** The run ended with a result: why it stopped (the loop's kind, beside its sentence) and the final evaluations. */
  finish(result: RunResult): void {
    this.log.end(result.stoppedBecause, result.stopped, evaluationView(result.step, result.epoch, result.validation), evaluationView(result.step, result.epoch, result.test));
  }

  /** The run failed or its process died: `reason` in English, `stopped` the same as a kind. */
  fail(reason: string, stopped: StopReason): void {
    this.log.end(reason, stopped, null, null);
  }

  /** `project` (the run's result, or its last checkpoint) with this run's record added to its run history. */
  recordInto(project: Project): Project {
    const history = withStoredRun({ ...(project.history ?? {}) }, readStoredRuns(this.base.history), storeRun(this.log.detail()));
    return { ...project, history };
  }
}

function nextRunId(stored: { id: string }[]): string {
  const numbers = stored.map((s) => Number(/^run-(\d+)$/.exec(s.id)?.[1] ?? 0));
  return `run-${Math.max(0, ...numbers) + 1}`;
}
