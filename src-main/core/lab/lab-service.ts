// The Lab service: LabCoreApi implemented over the core, for every host (Electron IPC, web host, tests). A
// composition: each group of methods lives in a part (tasks, settings, inspect, onnx, files, examples, model edits,
// training) built on one shared LabContext (workspace, compute process, options). Answers results, never throws.
import { z } from 'zod';
import type {
  EditOutcome, EngineInfo, EvaluateRequest, EvaluateResult, LabCoreApi, NewProjectRequest, ProjectSummary, Result,
  RunDetail, RunRecord, RunStatus, SpecCheck, TrainingEvent, Unsubscribe,
} from '../../api/lab-api';
import { newProject } from '../project/index';
import { parseModelSpec } from '../spec/schema';
import { LabContext, type LabServiceOptions } from './context';
import { checkEvaluateBudget } from './evaluate-budget';
import { ExamplesPart } from './examples-part';
import { FilesPart } from './files-part';
import { InspectPart } from './inspect-part';
import { ModelEditPart } from './model-edit';
import { OnnxPart } from './onnx-part';
import { parseArgument } from './results';
import { SettingsPart } from './settings-part';
import { TasksPart } from './tasks-part';
import { TrainingPart } from './training';

export type { LabServiceOptions } from './context';

const newProjectSchema = z.strictObject({
  name: z.string({ error: 'expected a name as text' }).trim().min(1, { error: 'expected a non-empty name' }).optional(),
  spec: z.unknown().refine((v) => v !== undefined, { error: 'expected a model spec' }),
}, { error: 'expected an object like {"name": "...", "spec": {"arch": "lstm", ...}}' });

export class LabService implements LabCoreApi {
  readonly context: LabContext;
  readonly tasks: TasksPart;
  readonly settings: SettingsPart;
  readonly inspection: InspectPart;
  readonly onnx: OnnxPart;
  readonly files: FilesPart;
  readonly examples: ExamplesPart;
  readonly model: ModelEditPart;
  readonly training: TrainingPart;

  constructor(options: LabServiceOptions = {}) {
    this.context = new LabContext(options);
    this.tasks = new TasksPart(this.context);
    this.settings = new SettingsPart(this.context);
    // Trajectories during a run replay the run's own snapshots (they reach the project when it ends).
    this.inspection = new InspectPart(this.context, (step) => this.training.runSnapshotWeights(step));
    this.onnx = new OnnxPart(this.context);
    this.files = new FilesPart(this.context);
    this.examples = new ExamplesPart(this.context);
    this.model = new ModelEditPart(this.context);
    this.training = new TrainingPart(this.context);
  }

  /** Stops the compute process (host shutdown). A later request would start a new one. */
  dispose(): void {
    this.training.dispose();
    this.context.compute.dispose();
  }

  // --- engine and compute process ---
  engineInfo(): Promise<Result<EngineInfo>> {
    return this.context.attempt(() => this.context.compute.call('engineInfo', { engine: this.context.options.engine }));
  }

  restartCompute(): Promise<Result<EngineInfo>> {
    return this.context.serial(async () => {
      this.training.requireIdle('restart the compute process');
      await this.context.compute.restart();
      return this.context.compute.call('engineInfo', { engine: this.context.options.engine });
    });
  }

  // --- projects and files ---
  newProject(request: NewProjectRequest): Promise<Result<ProjectSummary>> {
    return this.context.serial(() => {
      const { name, spec } = parseArgument(newProjectSchema, request, 'new project');
      const project = newProject(name ?? 'untitled', parseModelSpec(spec));
      this.context.workspace.replace(project, null, true);
      return this.context.workspace.summary();
    });
  }

  openProject(path: string) {
    return this.files.openProject(path);
  }
  openProjectBytes(file: Parameters<FilesPart['openProjectBytes']>[0]) {
    return this.files.openProjectBytes(file);
  }
  saveProject(path?: string) {
    return this.files.saveProject(path);
  }
  projectBytes() {
    return this.files.projectBytes();
  }
  describeProject(): Promise<Result<ProjectSummary>> {
    return this.context.attempt(() => this.context.workspace.summary());
  }
  listRecentProjects() {
    return this.files.listRecentProjects();
  }
  listRecoveries() {
    return this.files.listRecoveries();
  }
  restoreRecovery(id: string) {
    return this.files.restoreRecovery(id);
  }
  discardRecovery(id: string) {
    return this.files.discardRecovery(id);
  }
  listExamples() {
    return this.examples.listExamples();
  }
  openExample(id: string) {
    return this.examples.openExample(id);
  }

  // --- editing the model ---
  checkSpec(spec: unknown): Promise<Result<SpecCheck>> {
    return this.model.checkSpec(spec);
  }
  updateSpec(spec: unknown): Promise<Result<EditOutcome>> {
    return this.model.updateSpec(spec);
  }
  resetWeights(seed?: number): Promise<Result<EditOutcome>> {
    return this.model.resetWeights(seed);
  }
  undo(): Promise<Result<EditOutcome>> {
    return this.context.serial(() => this.context.workspace.undo());
  }
  redo(): Promise<Result<EditOutcome>> {
    return this.context.serial(() => this.context.workspace.redo());
  }

  // --- tasks and data ---
  listTasks() {
    return this.tasks.listTasks();
  }
  setTask(request: Parameters<TasksPart['setTask']>[0]) {
    return this.tasks.setTask(request);
  }
  previewTask(request: Parameters<TasksPart['previewTask']>[0]) {
    return this.tasks.previewTask(request);
  }
  previewCsv(request: Parameters<TasksPart['previewCsv']>[0]) {
    return this.tasks.previewCsv(request);
  }

  // --- training ---
  getSettings() {
    return this.settings.getSettings();
  }
  updateSettings(patch: Parameters<SettingsPart['updateSettings']>[0]) {
    return this.settings.updateSettings(patch);
  }
  startTraining(options?: unknown): Promise<Result<RunStatus>> {
    return this.training.start(options);
  }
  pauseTraining(): Promise<Result<RunStatus>> {
    return this.training.pause();
  }
  resumeTraining(): Promise<Result<RunStatus>> {
    return this.training.resume();
  }
  stepTraining(count?: unknown): Promise<Result<RunStatus>> {
    return this.training.step(count);
  }
  stopTraining(): Promise<Result<RunStatus>> {
    return this.training.stop();
  }
  trainingStatus(): Promise<Result<RunStatus>> {
    return this.training.statusResult();
  }
  listRuns(): Promise<Result<RunRecord[]>> {
    return this.training.listRuns();
  }
  getRun(id: unknown): Promise<Result<RunDetail>> {
    return this.training.getRun(id);
  }
  applyRemedy(action: unknown): Promise<Result<EditOutcome>> {
    return this.model.applyRemedy(action);
  }

  // --- what the network learned ---
  trajectories(request: Parameters<InspectPart['trajectories']>[0]) {
    return this.inspection.trajectories(request);
  }
  inspect(request: Parameters<InspectPart['inspect']>[0]) {
    return this.inspection.inspect(request);
  }
  sampleText(request: Parameters<InspectPart['sampleText']>[0]) {
    return this.inspection.sampleText(request);
  }
  predictSeries(split: Parameters<InspectPart['predictSeries']>[0]) {
    return this.inspection.predictSeries(split);
  }
  evaluate(request: EvaluateRequest): Promise<Result<EvaluateResult>> {
    return this.context.attempt(() => {
      const project = this.context.workspace.require();
      const model = { spec: project.spec, weights: project.weights };
      checkEvaluateBudget(project.spec, request);
      return this.context.compute.call('evaluate', { model, request, engine: this.context.options.engine });
    });
  }

  // --- ONNX ---
  exportOnnx(options?: Parameters<OnnxPart['exportOnnx']>[0]) {
    return this.onnx.exportOnnx(options);
  }
  openOnnx(path: string) {
    return this.onnx.openOnnx(path);
  }
  openOnnxBytes(file: Parameters<OnnxPart['openOnnxBytes']>[0]) {
    return this.onnx.openOnnxBytes(file);
  }
  onnxBytes(modelId: string) {
    return this.onnx.onnxBytes(modelId);
  }
  runOnnx(request: Parameters<OnnxPart['runOnnx']>[0]) {
    return this.onnx.runOnnx(request);
  }
  cancelOnnxRun() {
    return this.onnx.cancelOnnxRun();
  }
  importOnnx(modelId: string) {
    return this.onnx.importOnnx(modelId);
  }

  // --- subscriptions ---
  onProjectChanged(listener: (summary: ProjectSummary | null) => void): Unsubscribe {
    return this.context.workspace.onChange(listener);
  }
  onTrainingEvent(listener: (event: TrainingEvent) => void): Unsubscribe {
    return this.training.onEvent(listener);
  }
}
