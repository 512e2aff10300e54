// Reading a `*.rnnlab` document: bytes or text -> validated Project, or a ProjectFileError of one line that starts
// with the source label (the file name) and says what was expected and what was found.
// Order of checks: text -> JSON -> our format -> version (migrate) -> fields -> model spec -> weights.
import { LabError, ProjectFileError, describeZodError } from '../errors';
import { parseModelSpec } from '../spec/schema';
import { sizeProblem } from './limits';
import { migrateDocument, OLDEST_READABLE_VERSION, type RawDocument } from './migrations';
import { projectDocumentSchema } from './schema';
import { PROJECT_FORMAT, PROJECT_VERSION, type Project } from './types';
import { weightsFromEntries } from './validate';

export function parseProject(input: string | Uint8Array, sourceLabel: string): Project {
  try {
    return parseOrThrowProblem(typeof input === 'string' ? input : decodeText(input));
  } catch (error) {
    if (error instanceof Problem) throw new ProjectFileError(`${sourceLabel}: ${error.message}`, { code: error.code, params: { file: sourceLabel } });
    throw error;
  }
}

/** A problem found in the document; parseProject prefixes the source label. The code says which kind it is. */
class Problem extends Error {
  constructor(message: string, readonly code: 'project-empty' | 'project-not-json' | 'project-not-rnnlab' | 'project-invalid' = 'project-invalid') {
    super(message);
  }
}

function parseOrThrowProblem(text: string): Project {
  if (text.trim() === '') throw new Problem('the file is empty (expected an RNN Lab project, JSON text)', 'project-empty');
  const root = parseJson(text);
  const document = checkFormat(root);
  const version = checkVersion(document.version);
  const migrated = migrateDocument(document, version);
  if ('problem' in migrated) throw new Problem(migrated.problem);

  const fields = projectDocumentSchema.safeParse(migrated.document);
  if (!fields.success) throw new Problem(describeZodError(fields.error, migrated.document));
  const doc = fields.data;
  let spec;
  try {
    spec = parseModelSpec(doc.model);
  } catch (error) {
    if (error instanceof LabError) throw new Problem(error.message);
    throw error;
  }
  const tooLarge = sizeProblem(spec);
  if (tooLarge !== null) throw new Problem(`model: ${tooLarge}`);
  const decoded = weightsFromEntries(doc.weights, spec);
  if ('problem' in decoded) throw new Problem(decoded.problem);
  return {
    name: doc.name,
    created: doc.created,
    modified: doc.modified,
    spec,
    weights: decoded.weights,
    task: doc.task,
    training: doc.training,
    history: doc.history,
  };
}

/** UTF-8 bytes -> text; binary files (a PyTorch checkpoint, an ONNX model) are named rather than mis-parsed. */
function decodeText(bytes: Uint8Array): string {
  const foreign = `not an RNN Lab project (expected "format": "${PROJECT_FORMAT}" in JSON text, found`;
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new Problem(`${foreign} a ZIP archive, as PyTorch .pt files are)`, 'project-not-rnnlab');
  }
  if (bytes.subarray(0, 4096).includes(0)) throw new Problem(`${foreign} binary data, such as an ONNX model)`, 'project-not-rnnlab');
  try {
    // A leading byte-order mark is valid UTF-8 that JSON.parse refuses; TextDecoder drops it by default.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Problem('not UTF-8 text (the file is corrupt or not an RNN Lab project)', 'project-not-json');
  }
}

/** Deeper nesting than this is refused by name: saving it again (JSON.stringify recurses) could overflow the stack. */
export const MAX_JSON_DEPTH = 1000;

function parseJson(text: string): unknown {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new Problem(describeJsonError(text, error instanceof Error ? error.message : String(error)), 'project-not-json');
  }
  checkKeysAndDepth(root);
  return root;
}

/**
 * JSON.parse keeps "__proto__" as an own key, but copying such an object (zod, spread) turns it into a prototype
 * and the entry silently disappears: refuse it, as no RNN Lab file contains one. An explicit stack, not recursion,
 * so valid but deeply nested JSON gets its own message instead of a stack overflow.
 */
function checkKeysAndDepth(root: unknown): void {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      throw new Problem(`valid JSON, but nested more than ${MAX_JSON_DEPTH} levels deep (RNN Lab never writes that; expected a project file)`);
    }
    for (const key of Object.keys(value)) {
      if (key === '__proto__') throw new Problem('unexpected key "__proto__" (RNN Lab never writes it)');
      stack.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
}

/** Node's messages vary by version; keep the reason, drop the echoed text, give the position as line and column. */
function describeJsonError(text: string, message: string): string {
  if (/end of JSON input/i.test(message)) return 'not valid JSON: the text ends early (the file is truncated)';
  const position = /at position (\d+)/.exec(message);
  const reason = message
    // V8 echoes the text around the error ("Unexpected token 'X', ...\"ab\nc\"... is not valid JSON"); drop it.
    .replace(/,\s*(\.\.\.)?".*is not valid JSON$/s, '')
    .replace(/\s*(in JSON )?at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '')
    .replace(/\s+/g, ' ');
  const offset = position ? Number(position[1]) : null;
  if (offset !== null && offset >= text.trimEnd().length) {
    return `not valid JSON: the text ends early at ${lineAndColumn(text, offset)} (the file is truncated)`;
  }
  return `not valid JSON (truncated or corrupt): ${reason}${offset === null ? '' : ` at ${lineAndColumn(text, offset)}`}`;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

function checkFormat(root: unknown): RawDocument {
  const expected = `not an RNN Lab project (expected "format": "${PROJECT_FORMAT}", found`;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new Problem(`${expected} ${describeJsonValue(root)})`, 'project-not-rnnlab');
  }
  const document = root as RawDocument;
  if (!('format' in document)) throw new Problem(`${expected} a JSON object without it)`, 'project-not-rnnlab');
  if (document.format !== PROJECT_FORMAT) throw new Problem(`${expected} "format": ${preview(document.format)})`, 'project-not-rnnlab');
  return document;
}

function checkVersion(version: unknown): number {
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new Problem(`"version": expected a whole number (this build reads ${readableVersions()}), found ${version === undefined ? 'none' : preview(version)}`);
  }
  if (version > PROJECT_VERSION) {
    throw new Problem(`written by a newer RNN Lab (format version ${version}); this build reads version ${PROJECT_VERSION}`);
  }
  if (version < OLDEST_READABLE_VERSION) {
    throw new Problem(`"version": format version ${version} does not exist; this build reads ${readableVersions()}`);
  }
  return version;
}

function readableVersions(): string {
  if (OLDEST_READABLE_VERSION === PROJECT_VERSION) return `version ${PROJECT_VERSION}`;
  return `versions ${OLDEST_READABLE_VERSION} to ${PROJECT_VERSION}`;
}

function describeJsonValue(value: unknown): string {
  if (value === null) return 'JSON null';
  if (Array.isArray(value)) return 'a JSON array';
  return `a JSON ${typeof value}`;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
