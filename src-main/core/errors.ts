// Named errors of the core. Each message is one line that says what was expected and what was found;
// hosts print `error.message` as it is (CLI: one stderr line; UI: a toast), never a stack trace.
// Errors a user meets in the UI also carry a code and its params (api/types/messages.ts), which the renderer words.
import type { z } from 'zod';
import type { ErrorCode, MessageParams } from '../api/types/messages';

/** A code and the params the renderer words it with. */
export interface CodedError {
  code: ErrorCode;
  params: MessageParams;
}

export class LabError extends Error {
  readonly code: ErrorCode | null;
  readonly params: MessageParams;

  constructor(message: string, coded?: CodedError | null) {
    super(message);
    this.name = new.target.name;
    this.code = coded?.code ?? null;
    this.params = coded?.params ?? {};
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

const TYPE_CODES: Record<string, ErrorCode> = {
  number: 'field-not-number', int: 'field-not-whole', boolean: 'field-not-boolean', string: 'field-not-text',
};

/**
 * The first zod issue as a code and params (the field's dotted path under `prefix`, the value found), matching the
 * sentence describeZodError writes; null for an issue a user cannot meet through a form (a whole request malformed).
 */
export function zodErrorCode(error: z.ZodError, found?: unknown, prefix = ''): CodedError | null {
  const issue = error.issues[0];
  if (!issue) return null;
  const field = prefix + issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') return { code: 'field-unknown', params: { field: issue.path.length ? `${field}.${issue.keys[0]}` : prefix + issue.keys[0] } };
  // The whole value of the wrong kind (not an object): not a field a form shows.
  if (issue.path.length === 0) return null;
  const value = lookup(found, issue.path);
  const params: MessageParams = { field };
  if (value !== undefined) params.found = preview(value);
  switch (issue.code) {
    case 'too_small':
      return { code: 'field-too-small', params: { ...params, min: Number(issue.minimum), exclusive: issue.inclusive === false ? 1 : 0 } };
    case 'too_big':
      return { code: 'field-too-large', params: { ...params, max: Number(issue.maximum) } };
    case 'invalid_type':
      if (value === undefined) return { code: 'field-missing', params };
      return TYPE_CODES[issue.expected] ? { code: TYPE_CODES[issue.expected], params } : { code: 'field-invalid', params };
    case 'invalid_value':
      return { code: 'field-not-one-of', params: { ...params, choices: issue.values.map(String).join(', ') } };
    case 'custom': {
      // A refinement may name its own code and numbers: { params: { code: 'field-too-small', min: 0, exclusive: 1 } }.
      const { code, ...numbers } = (issue.params ?? {}) as Record<string, string | number>;
      return typeof code === 'string' ? { code: code as ErrorCode, params: { ...params, ...numbers } } : { code: 'field-invalid', params };
    }
    default:
      return { code: 'field-invalid', params };
  }
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
