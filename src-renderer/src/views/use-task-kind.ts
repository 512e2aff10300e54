// The open project's task kind ('symbols', 'series', 'text') and input size, which decide how typed sequences are read.
import { computed, ref, watch } from 'vue';
import { lab, type TaskInfo } from '../api';
import { useProjectStore } from '../stores/project';
import type { TaskKind } from './inspect/parseInput';

let tasks: Promise<TaskInfo[]> | null = null;

export function useTaskKind() {
  const store = useProjectStore();
  const kind = ref<TaskKind>('symbols');
  const inputSize = computed(() => store.project?.spec.input_size ?? 1);
  const taskId = computed(() => store.project?.task?.id ?? null);

  watch(taskId, async (id) => {
    if (!id) return;
    tasks ??= lab.listTasks().then((r) => (r.ok ? r.value : []));
    const info = (await tasks).find((t) => t.id === id);
    if (!info) tasks = null; // retry on the next change rather than remembering a failed list
    kind.value = info?.kind ?? 'symbols';
  }, { immediate: true });

  return { kind, inputSize, taskId };
}
