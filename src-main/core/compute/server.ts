// The compute process's side of the protocol: runs registered jobs and training runs for the host and posts back
// values, errors (one line), run events, periodic checkpoints and run results. Transport-free: entry.ts wires it to
// process.send (fork) or parentPort (Electron's utilityProcess); tests may wire it in-process.
import { z } from 'zod';
import { LabError } from '../errors';
import { decimate, toStepPoint } from '../train/step-points';
import { TrainingRun, type RunRequest } from '../train/training-run';
import { isJobName, JOBS } from './jobs/registry';
import type { ComputeMessage, HostMessage } from './protocol';

const messageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: z.number().int(), job: z.string(), args: z.unknown() }),
  z.object({
    type: z.literal('train'),
    id: z.number().int(),
    request: z.custom<RunRequest>((v) => typeof v === 'object' && v !== null),
    checkpointMs: z.number().positive(),
    allLayers: z.boolean(),
  }),
  z.object({
    type: z.literal('control'),
    id: z.number().int(),
    command: z.discriminatedUnion('type', [
      z.object({ type: z.literal('pause') }),
      z.object({ type: z.literal('resume') }),
      z.object({ type: z.literal('stop') }),
      z.object({ type: z.literal('step'), count: z.number().int().min(1).optional() }),
    ]),
  }),
]);

/** Points per metric batch sent to the host (a batch leaves every ~100 ms). */
export const MAX_POINTS_PER_BATCH = 64;

export class ComputeServer {
  private readonly runs = new Map<number, TrainingRun>();

  constructor(private readonly post: (message: ComputeMessage) => void) {}

  handle(raw: unknown): void {
    const parsed = messageSchema.safeParse(raw);
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      this.post({ type: 'error', id, message: 'compute: malformed message from the host', lab: false });
      return;
    }
    const message = parsed.data as HostMessage;
    if (message.type === 'call') void this.call(message.id, message.job, message.args);
    else if (message.type === 'train') void this.train(message.id, message.request, message.checkpointMs, message.allLayers);
    else this.runs.get(message.id)?.control(message.command);
  }

  /** Stops every run (an in-process "compute process" being killed: nothing may go on training behind it). */
  dispose(): void {
    for (const run of this.runs.values()) run.control({ type: 'stop' });
    this.runs.clear();
  }

  private async call(id: number, job: string, args: unknown): Promise<void> {
    try {
      if (!isJobName(job)) throw new LabError(`compute: no job '${job}': expected one of ${Object.keys(JOBS).join(', ')}`);
      const run = JOBS[job] as (a: unknown) => unknown;
      this.post({ type: 'value', id, value: await run(args) });
    } catch (error) {
      this.post(errorMessage(id, error));
    }
  }

  private async train(id: number, request: RunRequest, checkpointMs: number, allLayers: boolean): Promise<void> {
    const run = new TrainingRun(request, (event) => {
      // Metric batches cross as StepPoints, decimated here: the host's traffic stays bounded at any step rate.
      if (event.type === 'metrics') {
        const points = decimate(event.records.map((r) => toStepPoint(r, allLayers)), MAX_POINTS_PER_BATCH);
        this.post({ type: 'run-points', id, points });
      } else this.post({ type: 'run-event', id, event });
    }, {
      checkpointMs,
      onCheckpoint: (step, project) => this.post({ type: 'run-checkpoint', id, step, project }),
    });
    this.runs.set(id, run);
    try {
      this.post({ type: 'run-result', id, result: await run.run() });
    } catch (error) {
      this.post(errorMessage(id, error));
    } finally {
      this.runs.delete(id);
    }
  }
}

function errorMessage(id: number, error: unknown): ComputeMessage {
  const lab = error instanceof LabError;
  const text = error instanceof Error ? error.message : String(error);
  const coded = error instanceof LabError && error.code !== null ? { code: error.code, params: error.params } : {};
  return { type: 'error', id, message: text.split('\n')[0], lab, ...coded };
}
