// Contract types for tasks and data: the task list with a form-ready parameter schema, samples decoded for people,
// and user data (CSV series, a text corpus) sent as contents, previewed before it is accepted.

/** One field of a task's parameter form, generated from the task's zod schema. */
export interface ParamField {
  name: string;
  /** 'int' and 'number' get a number input (with min/max), 'choice' a select, 'boolean' a checkbox,
   * 'string' a text box, 'column' a CSV column picker (a header name or a 0-based index). */
  type: 'int' | 'number' | 'boolean' | 'choice' | 'string' | 'column';
  /** The default the core fills in; null when the field is required or defaults to "none". */
  default: unknown;
  min: number | null;
  max: number | null;
  /** 'choice' only. */
  choices: (string | number)[] | null;
  /** The value is a list of this type (frequencies, target columns); min/max apply to each item. */
  list: boolean;
  /** May be left empty (null). */
  optional: boolean;
  /** One sentence for the form's help text. */
  help: string;
}

export interface TaskInfo {
  id: string;
  title: string;
  /** One paragraph: what the task is, what it shows, where it comes from. */
  description: string;
  /** 'symbols' (strings over an alphabet), 'series' (numbers over time) or 'text' (characters). */
  kind: 'symbols' | 'series' | 'text';
  params: ParamField[];
  /** The user data the task needs: 'csv', 'text' or null (generated). */
  needsData: 'csv' | 'text' | null;
}

export interface SetTaskRequest {
  id: string;
  params?: Record<string, unknown>;
  seed?: number;
  /** The CSV or text contents for tasks that need user data. */
  data?: import('./project').TextFile;
}

export interface PreviewTaskRequest extends Omit<SetTaskRequest, 'id'> {
  /** The task to preview; the open project's task (its params, seed and data) when absent. */
  id?: string;
  /** Samples to return per split (default 8, at most 50). */
  count?: number;
}

/** One example, readable: symbols as text, series as numbers. */
export interface TaskSample {
  split: 'train' | 'validation' | 'test';
  length: number;
  /** Symbol tasks: the input string; series: null. */
  inputText: string | null;
  /** Symbol tasks: the target as text (next symbols, or 'accept'/'reject'); series: null. */
  targetText: string | null;
  /** Classification tasks: 1 accept / 0 reject; else null. */
  label: number | null;
  /** Series tasks: (T, inputSize) rows and the target rows (T, outputSize), un-normalised; null for symbol tasks. */
  inputs: number[][] | null;
  targets: number[][] | null;
}

export interface TaskPreview {
  id: string;
  params: Record<string, unknown>;
  seed: number;
  inputSize: number;
  outputSize: number;
  alphabet: string[] | null;
  outputAlphabet: string[] | null;
  loss: 'mse' | 'bce' | 'ce';
  outputActivation: 'none' | 'sigmoid' | 'softmax';
  splits: { train: number; validation: number; test: number };
  samples: TaskSample[];
  /** When the project's spec does not fit the task (input/output size, activation), one line saying what to change. */
  specMismatch: string | null;
}

export interface CsvPreviewRequest {
  file: import('./project').TextFile;
  /** Whether the first row is a header; detected when absent. */
  header?: boolean;
  /** Field separator (one character); detected from the first line (',', ';' or tab) when absent. */
  delimiter?: string;
}

export interface CsvPreview {
  header: boolean;
  delimiter: string;
  /** Column names (from the header, or "column 1", ...). */
  columns: string[];
  /** Columns whose every value is a finite number. */
  numericColumns: string[];
  /** The first rows as parsed (at most 20). */
  rows: string[][];
  rowCount: number;
}
