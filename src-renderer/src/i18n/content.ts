// Translations of the text the core sends in English (example gallery, task titles and descriptions, task parameter
// help), keyed by id: content/<locale>.json. Falls back to the core's English when a language or an entry is missing,
// so a new example still shows (test/renderer/i18n-content.test.ts fails until it is translated).
import type { ExampleInfo, TaskInfo } from '../../../src-main/api/lab-api';

interface ContentFile {
  tasks?: Record<string, { title?: string; description?: string }>;
  params?: Record<string, string>;
  taskParams?: Record<string, Record<string, string>>;
  examples?: Record<string, { title?: string; description?: string; lookFor?: string }>;
  paramLabels?: Record<string, string>;
}

const files = import.meta.glob('./content/*.json', { eager: true });
const CONTENT: Record<string, ContentFile> = Object.fromEntries(
  Object.entries(files).map(([path, mod]) => [/content\/(.+)\.json$/.exec(path)![1], ((mod as { default?: unknown }).default ?? mod) as ContentFile]),
);

export function exampleText(example: ExampleInfo, locale: string): { title: string; description: string; lookFor: string } {
  const t = CONTENT[locale]?.examples?.[example.id];
  return { title: t?.title ?? example.title, description: t?.description ?? example.description, lookFor: t?.lookFor ?? example.lookFor };
}

export function taskText(task: Pick<TaskInfo, 'id' | 'title' | 'description'>, locale: string): { title: string; description: string } {
  const t = CONTENT[locale]?.tasks?.[task.id];
  return { title: t?.title ?? task.title, description: t?.description ?? task.description };
}

/** A parameter's help: the task's own translation, else the shared one for that name, else the core's English. */
export function paramHelp(taskId: string, name: string, english: string, locale: string): string {
  const c = CONTENT[locale];
  return c?.taskParams?.[taskId]?.[name] ?? c?.params?.[name] ?? english;
}

/** A readable label for a parameter name in this language, or null (the name itself is shown). */
export function paramLabel(name: string, locale: string): string | null {
  return CONTENT[locale]?.paramLabels?.[name] ?? null;
}

/** Whether this language has its own text for everything (for the test): missing entries, by kind and id. */
export function missingContent(locale: string, examples: ExampleInfo[], tasks: TaskInfo[]): string[] {
  const c = CONTENT[locale] ?? {};
  const missing: string[] = [];
  for (const e of examples) for (const k of ['title', 'description', 'lookFor'] as const) if (!c.examples?.[e.id]?.[k]) missing.push(`example ${e.id}.${k}`);
  for (const t of tasks) {
    for (const k of ['title', 'description'] as const) if (!c.tasks?.[t.id]?.[k]) missing.push(`task ${t.id}.${k}`);
    for (const p of t.params) {
      if (!c.taskParams?.[t.id]?.[p.name] && !c.params?.[p.name]) missing.push(`help ${t.id}.${p.name}`);
      if (!c.paramLabels?.[p.name]) missing.push(`label ${p.name}`);
    }
  }
  return missing;
}

/** A task's title by id in this language (edit labels name the task by id), else the id. */
export function taskTitle(id: string, locale: string): string {
  return CONTENT[locale]?.tasks?.[id]?.title ?? CONTENT.en?.tasks?.[id]?.title ?? id;
}
