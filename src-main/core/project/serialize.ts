// Writing a Project as `*.rnnlab` JSON text. Everything is validated first, so a project that could not be read
// back (invalid spec, NaN or float32-overflowing weight, wrong shapes) is refused before any byte reaches a disk.
import { LabError, ProjectFileError } from '../errors';
import { parseModelSpec } from '../spec/schema';
import { paramLayout } from '../spec/params';
import { encodeFloat32 } from './codec';
import { sizeProblem } from './limits';
import { MAX_NAME_LENGTH, timestampSchema } from './schema';
import { PROJECT_FORMAT, PROJECT_VERSION, type Project } from './types';
import { weightsProblem } from './validate';

/** Project -> file text; throws ProjectFileError naming the project when it cannot be saved. */
export function serializeProject(project: Project): string {
  const result = projectToText(project);
  if ('problem' in result) throw new ProjectFileError(`project "${project.name}": cannot be saved: ${result.problem}`);
  return result.text;
}

/** Same as serializeProject, but answers the problem (without a prefix) so callers can name the file instead. */
export function projectToText(project: Project): { text: string } | { problem: string } {
  const problem = headerProblem(project);
  if (problem) return { problem };
  let spec;
  try {
    spec = parseModelSpec(project.spec);
  } catch (error) {
    if (error instanceof LabError) return { problem: error.message };
    throw error;
  }
  const tooLarge = sizeProblem(spec);
  if (tooLarge !== null) return { problem: `model: ${tooLarge}` };
  const bad = weightsProblem(project.weights, spec);
  if (bad) return { problem: bad };

  // One line per weight keeps the file readable and diffable; the rest is indented JSON.
  const weightLines = paramLayout(spec).map((p) => {
    const entry = { shape: p.shape, dtype: 'float32', data: encodeFloat32(project.weights[p.name].data) };
    return `    ${JSON.stringify(p.name)}: ${JSON.stringify(entry)}`;
  });
  const fields: [string, string][] = [
    ['format', JSON.stringify(PROJECT_FORMAT)],
    ['version', JSON.stringify(PROJECT_VERSION)],
    ['name', JSON.stringify(project.name)],
    ['created', JSON.stringify(project.created)],
    ['modified', JSON.stringify(project.modified)],
    ['model', indent(JSON.stringify(spec, null, 2))],
    ['weights', weightLines.length ? `{\n${weightLines.join(',\n')}\n  }` : '{}'],
  ];
  for (const key of ['task', 'training', 'history'] as const) {
    const section = sectionJson(project[key] ?? null, key);
    if ('problem' in section) return section;
    fields.push([key, indent(section.json)]);
  }
  return { text: `{\n${fields.map(([k, v]) => `  ${JSON.stringify(k)}: ${v}`).join(',\n')}\n}\n` };
}

/** Later issues fill these sections; a cycle or a BigInt in them must become a problem, not a TypeError. */
function sectionJson(value: unknown, key: string): { json: string } | { problem: string } {
  try {
    return { json: compactArrays(JSON.stringify(value, null, 2)) };
  } catch (error) {
    return { problem: `${key}: cannot be written as JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
}

/** Lists of plain values (a run's curves: thousands of numbers) on one line instead of one line per value. */
function compactArrays(json: string): string {
  return json.replace(/\[\n\s*((?:-?[\d.eE+-]+|null|true|false|"(?:[^"\\\n]|\\.)*")(?:,\n\s*(?:-?[\d.eE+-]+|null|true|false|"(?:[^"\\\n]|\\.)*"))*)\n\s*\]/g, (_, items: string) =>
    `[${items.replace(/,\n\s*/g, ', ')}]`,
  );
}

function indent(json: string): string {
  return json.replace(/\n/g, '\n  ');
}

function headerProblem(project: Project): string | null {
  if (typeof project.name !== 'string' || project.name.length < 1 || project.name.length > MAX_NAME_LENGTH) {
    return `name: expected a project name of 1 to ${MAX_NAME_LENGTH} characters, found ${JSON.stringify(project.name)}`;
  }
  for (const key of ['created', 'modified'] as const) {
    if (!timestampSchema.safeParse(project[key]).success) {
      return `${key}: expected an ISO 8601 date and time like 2026-01-31T12:00:00.000Z, found ${JSON.stringify(project[key])}`;
    }
  }
  for (const key of ['task', 'training', 'history'] as const) {
    const value = project[key];
    if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
      return `${key}: expected an object or null, found ${Array.isArray(value) ? 'an array' : typeof value}`;
    }
  }
  return null;
}
