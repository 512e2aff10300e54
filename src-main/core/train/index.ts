// Training's public surface for hosts: sessions in a worker thread (the control API), the in-process run and
// loop they are built on, checkpoints in the project file, and the training math (settings, losses, optimisers).
export { startTrainingSession, resolveWorkerFile, TrainingSession, TrainingError, type SessionOptions } from './session';
export {
  TrainingRun,
  type Command,
  type EvaluationEvent,
  type RunEvent,
  type RunRequest,
  type RunResult,
  type RunStatus,
} from './training-run';
export { Trainer, evaluateSplit, taskLoss, mixSeed, type SplitEvaluation, type StepRecord, type TrainerState, type TrainerOptions } from './loop';
export { readRunConfig, checkpointWeights, withCheckpoint, TrainingSetupError, type Checkpoint, type RunConfig, type TaskRef } from './checkpoint';
export { RunHistory } from './run-history';
export { parseTrainingSettings, TrainingSettingsError, type TrainingSettings } from './settings';
