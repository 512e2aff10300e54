// New, Open, Import ONNX, Save, Save As, Undo, Redo: the same functions behind the header buttons, the keyboard
// shortcuts and the native menu (App.vue wires all three here).
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import { useProjectStore } from '../stores/project';
import { DEFAULT_SPEC } from '../views/design/spec-form';

export function useProjectActions() {
  const store = useProjectStore();
  const router = useRouter();
  const { t } = useI18n();

  /** Asks before an action would replace a project with unsaved changes. */
  function mayDiscard(): boolean {
    return !store.project?.unsaved || window.confirm(t('shell.confirmDiscard', { name: store.project.name }));
  }

  return {
    async newProject() {
      if (!mayDiscard()) return;
      if (await store.newProject({ name: t('common.untitled'), spec: { ...DEFAULT_SPEC } })) await router.push('/design');
    },
    async open() {
      if (!mayDiscard()) return;
      if (await store.openDialog()) await router.push('/design');
    },
    async importOnnx() {
      if (!mayDiscard()) return;
      if (await store.importOnnxDialog()) await router.push('/design');
    },
    save: () => store.project && store.save(false),
    saveAs: () => store.project && store.save(true),
    undo: () => store.project?.undoLabel && store.undo(),
    redo: () => store.project?.redoLabel && store.redo(),
    mayDiscard,
  };
}
