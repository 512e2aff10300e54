// Named errors of the core. Each message is one line that says what was expected and what was found;
// hosts print `error.message` as it is (CLI: one stderr line; UI: a toast), never a stack trace.
import type { z } from 'zod';

export class LabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** An invalid model specification (bad range, incompatible options). */
export class SpecError extends LabError {}
/** A project file that cannot be read, parsed or validated. */
export class ProjectFileError extends LabError {}
/** Input arrays (x, h0, dY, ...) of the wrong shape or content. */
export class InputShapeError extends LabError {}
/** An engine that cannot run (native addon missing, unsupported option). */
export class EngineError extends LabError {}

/** Renders zod issues as one line: "hidden_size: expected ..., found ...; bias: ...". */
export function describeZodError(error: z.ZodError, found?: unknown): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.length ? issue.path.join('.') : 'value';
      if (issue.code === 'invalid_type' && issue.path.length === 0) {
        return `value: expected a JSON object, found ${preview(found)}`;
      }
      if (issue.code === 'unrecognized_keys') {
        const where = issue.path.length ? ` in ${path}` : '';
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}${where}`;
      }
      const value = lookup(found, issue.path);
      const shown = value === undefined ? '' : `, found ${preview(value)}`;
      return `${path}: ${issue.message}${shown}`;
    })
    .join('; ');
}

function lookup(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function preview(value: unknown): string {
  // JSON.stringify would print NaN and Infinity as null.
  const text = typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
