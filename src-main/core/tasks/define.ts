// `defineTask`: turns a typed task (params already validated) into a registry `Task` that validates `unknown`
// parameters itself, so hosts can pass CLI flags, project-file fields or IPC payloads straight in.
import type { z } from 'zod';
import { describeZodError, zodErrorCode, type CodedError } from '../errors';
import { TaskParamsError } from './errors';
import type { Predictions, Sequence, Task, TaskData, TaskMetrics } from './types';

export interface TypedTask<S extends z.ZodType> {
  id: string;
  title: string;
  description: string;
  paramsSchema: S;
  /** Cross-field rules on the parameters with defaults filled in; returns the first broken one as one line. */
  check?(params: z.output<S>): string | null;
  generate(params: z.output<S>, seed: number): TaskData;
  evaluate(predictions: Predictions, split: Sequence[]): TaskMetrics;
}

export const MAX_SEED = 2 ** 32 - 1;

/** A broken cross-field rule ("offset: expected below ..., found 9", params.ts firstBrokenRule) as a code. */
function ruleCode(task: string, problem: string): CodedError {
  const match = /^([\w.]+): .*, found (.*)$/.exec(problem);
  return { code: 'task-params', params: match ? { task, field: match[1], found: match[2] } : { task, field: '' } };
}

export function defineTask<S extends z.ZodType>(def: TypedTask<S>): Task {
  const parseParams = (raw: unknown): z.output<S> => {
    const parsed = def.paramsSchema.safeParse(raw ?? {});
    if (!parsed.success) {
      const coded = zodErrorCode(parsed.error, raw);
      throw new TaskParamsError(`${def.id} parameters: ${describeZodError(parsed.error, raw)}`, coded && { code: coded.code, params: { ...coded.params, task: def.id } });
    }
    const problem = def.check?.(parsed.data) ?? null;
    if (problem) throw new TaskParamsError(`${def.id} parameters: ${problem}`, ruleCode(def.id, problem));
    return parsed.data;
  };
  return {
    id: def.id,
    title: def.title,
    description: def.description,
    paramsSchema: def.paramsSchema,
    parseParams: (raw) => parseParams(raw) as Record<string, unknown>,
    generate(raw, seed) {
      if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
        throw new TaskParamsError(`${def.id}: expected a seed from 0 to ${MAX_SEED}, found ${seed}`);
      }
      return def.generate(parseParams(raw), seed);
    },
    evaluate: def.evaluate,
  };
}
