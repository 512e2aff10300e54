// A task's parameter form generated from its zod schema: zod 4's JSON Schema export (input side, defaults included)
// read field by field into ParamField (int/number with bounds, enums as choices, booleans, nullable = optional,
// lists of numbers or of CSV columns), with the help sentence from task-help.ts.
import { z } from 'zod';
import type { ParamField, TaskInfo } from '../../../api/lab-api';
import { getTask, listTasks as coreTasks } from '../../tasks/index';
import { DATA_PARAMS, TASK_HELP } from './task-help';

type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

const SYMBOL_TASKS = new Set(['tomita', 'anbn', 'anbncn', 'reber', 'cloze']);
const COLUMN_FIELDS = new Set(['targets', 'features']);

export function taskKind(id: string): TaskInfo['kind'] {
  return id === 'text' ? 'text' : SYMBOL_TASKS.has(id) ? 'symbols' : 'series';
}

export function taskNeedsData(id: string): TaskInfo['needsData'] {
  return id === 'csv' ? 'csv' : id === 'text' ? 'text' : null;
}

/** The form fields of one task, in the schema's order. */
export function paramFields(taskId: string): ParamField[] {
  const task = getTask(taskId);
  const schema = z.toJSONSchema(task.paramsSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const hidden = DATA_PARAMS[taskId] ?? [];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => !hidden.includes(name))
    .map(([name, property]) => field(taskId, name, property, required.has(name)));
}

function field(taskId: string, name: string, property: JsonSchema, required: boolean): ParamField {
  const variants = property.anyOf ?? [property];
  const nullable = variants.some((v) => v.type === 'null' || (Array.isArray(v.type) && v.type.includes('null')));
  const main = variants.find((v) => v.type !== 'null') ?? property;
  const list = typeOf(main) === 'array';
  const item = list ? (main.items ?? {}) : main;
  const help = TASK_HELP[taskId]?.[name];
  if (!help) throw new Error(`task ${taskId}: parameter ${name} has no help text`);
  const low = item.minimum ?? item.exclusiveMinimum ?? null;
  const high = item.maximum ?? item.exclusiveMaximum ?? null;
  return {
    name,
    type: COLUMN_FIELDS.has(name) ? 'column' : kindOf(item),
    default: property.default ?? null,
    min: low,
    max: high !== null && high >= Number.MAX_SAFE_INTEGER ? null : high,
    choices: item.enum ? (item.enum as (string | number)[]) : null,
    optional: nullable || (!required && property.default === undefined),
    list,
    help,
  };
}

function typeOf(s: JsonSchema): string | undefined {
  return Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
}

function kindOf(s: JsonSchema): ParamField['type'] {
  if (s.enum) return 'choice';
  switch (typeOf(s)) {
    case 'integer':
      return 'int';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}

/** Every built-in task with its form. */
export function taskInfos(): TaskInfo[] {
  return coreTasks().map(({ id, title, description }) => ({
    id,
    title,
    description,
    kind: taskKind(id),
    params: paramFields(id),
    needsData: taskNeedsData(id),
  }));
}
