// Turns the core's thrown errors into the `{ ok: false, error }` answers of LabApi: one sentence, never a stack.
import { z } from 'zod';
import type { Failure, Result } from '../../api/lab-api';
import { ComputeLostError } from '../compute/client';
import { describeZodError, LabError, zodErrorCode } from '../errors';

/** The sentence a user sees for an error: the core's own message, or an honest "internal error" for a bug. */
export function errorSentence(error: unknown): string {
  if (error instanceof LabError) return error.message;
  if (error instanceof z.ZodError) return describeZodError(error);
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${message.split('\n')[0]}`;
}

/** The `{ ok: false }` answer for an error: its sentence, and its code and params when it has them. */
export function failure(error: unknown): Failure {
  const answer: Failure = { ok: false, error: errorSentence(error) };
  if (error instanceof ComputeLostError && error.code === null) {
    // A compute-lost error without numbers: its sentence is "<what happened>; the next request starts a new one".
    answer.code = 'compute-lost';
    answer.params = { reason: error.message.replace(/; the next request starts a new one$/, '') };
  } else if (error instanceof LabError && error.code !== null) {
    answer.code = error.code;
    answer.params = { ...error.params };
  }
  return answer;
}

/** Runs `work` and wraps its value or its error; never rejects. */
export async function attempt<T>(work: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return failure(error);
  }
}

/** Validates an unknown argument; on failure throws a LabError whose message starts with what the argument is. */
export function parseArgument<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const [first] = parsed.error.issues;
  // A bare argument (a path, an id) has no field name: say the schema's own words and what came instead.
  if (first.path.length === 0 && first.code !== 'unrecognized_keys') {
    const found = value === undefined ? '' : `, found ${preview(value)}`;
    throw new RequestError(`${what}: ${first.message}${found}`);
  }
  throw new RequestError(`${what}: ${describeZodError(parsed.error, value)}`, zodErrorCode(parsed.error, value));
}

function preview(value: unknown): string {
  const text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** A failed answer thrown on by a host that wraps the service (browser mode's root check, Electron's dialogs): the
 * same sentence, code and params reach the renderer. */
export function failureError(answer: Failure): RequestError {
  return new RequestError(answer.error, answer.code ? { code: answer.code, params: { ...(answer.params ?? {}) } } : null);
}

/** A request from a host that does not fit the contract (wrong type, missing field, unknown method). */
export class RequestError extends LabError {}
