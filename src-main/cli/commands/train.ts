// `rnnlab train`: trains a project on its task in a worker thread, with a progress bar on a terminal (plain lines
// otherwise), an optional M.jsonl of every step, a final summary, and the trained project saved atomically.
// Ctrl-C stops after the current step and saves what was trained (a checkpoint the next `train` resumes). The run
// goes into the project's run history (`history.runs`) by the Lab service's own recorder, so the app redraws it.
// Also `rnnlab task set`, which gives a project its task (the one setting `train` cannot guess).
import { closeSync, openSync, writeSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { EngineName } from '../../core/engine/types';
import type { SplitEvaluation, StepRecord } from '../../core/train/loop';
import type { RunEvent } from '../../core/train/training-run';
import { MAX_THREADS } from '../../core/train/thread-limit';
import { escapeControl } from '../../core/util/escape';
import { CliFileError, fsReason, processIO, type CliIO } from '../io';
import { engineOption, parseNumberArg } from '../options';

interface TrainOptions {
  epochs?: number;
  steps?: number;
  seed?: number;
  engine?: EngineName;
  metrics?: string;
  output?: string;
  fresh?: boolean;
  temperature?: number;
  threads?: number;
}

export function registerTrain(program: Command, io: CliIO): void {
  program
    .command('train')
    .description("train a project's model on its task; saves the trained project (and a checkpoint to resume from)")
    .argument('<project>', 'project file (*.rnnlab) with a task (see `rnnlab task set`)')
    .option('--epochs <n>', 'passes over the training split (replaces the project setting)', parseNumberArg)
    .addOption(new Option('--steps <n>', 'optimiser steps instead of epochs').argParser(parseNumberArg).conflicts('epochs'))
    .option('--seed <s>', 'seed of batch order and dropout (same seed, same engine: same losses)', parseNumberArg)
    .addOption(engineOption())
    .option('--metrics <file>', 'write one JSON line per step (loss, gradient norms, spectral bounds, alerts, validation)')
    .option('-o, --output <file>', 'save the trained project here instead of back into <project>')
    .option('--fresh', 'ignore an unfinished checkpoint and start a new run from the current weights')
    .option('--threads <n>', `threads the native engine may use per step, 1 to ${MAX_THREADS}, or 'auto' (replaces the project's run.threads; it picks the count per model size within this)`, parseThreadsArg)
    .option('--temperature <t>', 'language models: temperature of the text sample shown at the end (0 = likeliest symbol; default 0.5)', parseTemperatureArg)
    .addHelpText(
      'after',
      '\nAn unfinished run (stopped by Ctrl-C) resumes from its checkpoint and continues exactly as if never stopped.' +
        '\nExample:\n  rnnlab task set demo.rnnlab --task tomita --param grammar=4\n  rnnlab train demo.rnnlab --steps 500 --metrics m.jsonl',
    )
    .action(async (path: string, options: TrainOptions) => {
      const { loadProject, saveProjectOrRecover } = await import('../../core/project/index');
      const { startTrainingSession } = await import('../../core/train/session');
      const { RunRecorder } = await import('../../core/lab/run-recorder');
      const project = await loadProject(path);
      const overrides: Record<string, unknown> = {};
      if (options.epochs !== undefined) overrides.epochs = options.epochs;
      if (options.steps !== undefined) overrides.steps = options.steps;
      if (options.seed !== undefined) overrides.seed = options.seed;
      const metrics = options.metrics === undefined ? null : openMetrics(options.metrics);
      const started = Date.now();
      const recorder = RunRecorder.begin(project, { overrides, threads: options.threads });
      const session = await startTrainingSession({ project, engine: options.engine, overrides, fresh: options.fresh, sampleTemperature: options.temperature, threads: options.threads });
      const progress = new Progress(io, io === processIO && process.stderr.isTTY === true);
      let metricsOpen = metrics !== null;
      session.on((event) => {
        recorder.hear(event);
        if (event.type === 'metrics' && metricsOpen) {
          try {
            writeMetrics(metrics!, options.metrics as string, event.records);
          } catch (error) {
            // Training goes on and is saved; only the metrics file stops (the disk may be full).
            metricsOpen = false;
            io.err(`rnnlab: warning: ${(error as Error).message}; steps from ${event.records[0]?.step ?? '?'} on are not in it\n`);
          }
        }
        progress.show(event);
      });
      let interrupts = 0;
      const onSigint = () => {
        // A second Ctrl-C means: do not wait (nothing is saved).
        if (++interrupts > 1) process.exit(130);
        progress.note('stopping after this step (Ctrl-C); the run will be saved (Ctrl-C again to quit without saving)');
        session.stop();
      };
      process.on('SIGINT', onSigint);
      try {
        const result = await session.result;
        progress.end();
        const out = options.output ?? path;
        recorder.finish(result);
        await saveProjectOrRecover(out, recorder.recordInto(result.project), `the trained project (step ${result.step})`);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const how = result.stoppedBecause ? `stopped: ${result.stoppedBecause}` : result.finished ? 'done' : 'interrupted; the next train resumes';
        io.out(`trained ${escapeControl(project.name)}: ${result.step} steps, ${result.epoch} epochs in ${seconds} s (${how})\n`);
        io.out(formatEvaluation('validation', result.validation));
        io.out(formatEvaluation('generalisation (test split)', result.test));
        if (result.sample) io.out(`  sample at temperature ${result.sample.temperature}: ${JSON.stringify(result.sample.seed)} + ${JSON.stringify(result.sample.text)}\n`);
        io.out(`saved ${out}\n`);
      } finally {
        process.off('SIGINT', onSigint);
        if (metrics !== null) closeSync(metrics);
      }
    });
}

/** A thread limit: 'auto' (0: the engine decides, every core at most) or a whole number from 1 to MAX_THREADS. */
function parseThreadsArg(value: string): number {
  if (value === 'auto') return 0;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new InvalidArgumentError(`expected 'auto' or a whole number of threads from 1 to ${MAX_THREADS}, found '${value}'`);
  }
  return n;
}

function parseTemperatureArg(value: string): number {
  const t = parseNumberArg(value);
  if (t < 0 || t > 100) throw new InvalidArgumentError(`expected a temperature from 0 to 100, found '${value}'`);
  return t;
}

function openMetrics(file: string): number {
  try {
    return openSync(file, 'w');
  } catch (error) {
    throw new CliFileError(`cannot write ${file}: ${fsReason(error)}`);
  }
}

/** One line per step; alerts keep the issue's fields (kind, step, value, threshold, message). */
function writeMetrics(fd: number, file: string, records: StepRecord[]): void {
  const lines = records.map((r) => {
    const alerts = r.alerts.map(({ kind, step, value, threshold, message }) => ({ kind, step, value, threshold, message }));
    return JSON.stringify({ ...r, alerts }) + '\n';
  });
  try {
    // writeSync may take fewer bytes than given (a nearly full disk): write the rest, or fail when none are taken.
    const bytes = Buffer.from(lines.join(''));
    for (let offset = 0; offset < bytes.length; ) {
      const written = writeSync(fd, bytes, offset, bytes.length - offset);
      if (written <= 0) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      offset += written;
    }
  } catch (error) {
    throw new CliFileError(`cannot write ${file}: ${fsReason(error)}`);
  }
}

/** `validation: accuracy 0.995 (loss 0.0213); accept_accuracy 1, ...` plus the groups when there are some. */
export function formatEvaluation(label: string, e: SplitEvaluation): string {
  const m = e.metrics;
  const others = Object.entries(m.scalars)
    .filter(([name]) => name !== m.primary.name)
    .map(([name, v]) => `${name} ${round(v)}`);
  let text = `  ${label}: ${m.primary.name} ${round(m.primary.value)} (loss ${round(e.loss)})${others.length ? `; ${others.join(', ')}` : ''}\n`;
  if (m.groups && m.groups.length > 0) text += `    by ${m.groupedBy ?? 'group'}: ${groupRuns(m.groups)}\n`;
  return text;
}

/** Groups as runs of consecutive all-right or not-all-right groups: `1-17 all right, 18-100 41/83 right`. */
export function groupRuns(groups: readonly { group: number; correct: number; total: number }[]): string {
  const runs: { first: number; last: number; correct: number; total: number; allRight: boolean }[] = [];
  for (const g of groups) {
    const allRight = g.correct === g.total;
    const run = runs[runs.length - 1];
    if (run && run.allRight === allRight) {
      run.last = g.group;
      run.correct += g.correct;
      run.total += g.total;
    } else runs.push({ first: g.group, last: g.group, correct: g.correct, total: g.total, allRight });
  }
  return runs
    .map((r) => `${r.first === r.last ? r.first : `${r.first}-${r.last}`} ${r.allRight ? 'all right' : `${r.correct}/${r.total} right`}`)
    .join(', ');
}

function round(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v);
}

/** A bar redrawn in place on a terminal (stderr), or a plain line per evaluation and alert when not a TTY. */
export class Progress {
  private total = 0;
  private lastDraw = 0;
  private lastLoss = NaN;
  private lastValidation = '';
  private nextLine = 0;
  private readonly alerts = new Map<string, number>();

  constructor(
    private readonly io: CliIO,
    private readonly tty: boolean,
  ) {}

  show(event: RunEvent): void {
    if (event.type === 'started') {
      this.total = event.totalSteps;
      if (event.warning) this.io.err(`rnnlab: warning: ${event.warning}\n`);
      const threads = event.engine === 'native' && event.threadLimit > 0 ? ` (at most ${event.threadLimit} thread${event.threadLimit === 1 ? '' : 's'})` : '';
      this.line(`${event.resumed ? 'resuming' : 'training'} on ${event.engine} engine${threads} from step ${event.step} of ${event.totalSteps}`);
    } else if (event.type === 'metrics') {
      const last = event.records[event.records.length - 1];
      this.lastLoss = last.loss;
      if (this.tty && Date.now() - this.lastDraw > 100) this.draw(last.step);
    } else if (event.type === 'evaluation') {
      const m = event.evaluation.validation.metrics.primary;
      this.lastValidation = `val ${m.name} ${round(m.value)}`;
      const step = event.evaluation.step;
      if (this.tty) this.draw(step);
      else if (step >= this.nextLine || step === this.total) {
        // About 20 lines per run, however many evaluations.
        this.nextLine = step + Math.ceil(this.total / 20);
        this.line(`step ${step}/${this.total}  loss ${round(this.lastLoss)}  ${this.lastValidation}`);
      }
    } else if (event.type === 'alert') {
      // The first alert of each kind in full, with its remedies; the rest are counted (M.jsonl keeps every one).
      const seen = this.alerts.get(event.alert.kind) ?? 0;
      this.alerts.set(event.alert.kind, seen + 1 + event.alert.suppressed);
      if (seen === 0) {
        this.line(`alert (${event.alert.kind}) ${event.alert.message}`);
        const remedies = event.alert.remedies ?? [];
        if (remedies.length > 0) this.line(`  remedies: ${remedies.map((r) => r.label).join('; ')}`);
      }
    }
  }

  note(text: string): void {
    this.line(text);
  }

  end(): void {
    if (this.tty) this.io.err('\n');
    const counts = [...this.alerts].map(([kind, n]) => `${n} ${kind}`);
    if (counts.length > 0) this.line(`alerts: ${counts.join(', ')} (rate-limited by the monitor's alert_every)`);
  }

  private line(text: string): void {
    if (this.tty) this.io.err(`\r\x1b[K${text}\n`);
    else this.io.out(`${text}\n`);
  }

  private draw(step: number): void {
    this.lastDraw = Date.now();
    const width = 30;
    const filled = this.total > 0 ? Math.min(width, Math.round((width * step) / this.total)) : 0;
    const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
    this.io.err(`\r\x1b[K[${bar}] ${step}/${this.total}  loss ${round(this.lastLoss)}  ${this.lastValidation}`);
  }
}
