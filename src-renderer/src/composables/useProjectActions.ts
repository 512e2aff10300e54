// New, Open, Import ONNX, Save, Save As, Undo, Redo: the same functions behind the header buttons, the keyboard
// shortcuts and the native menu (App.vue wires all three here).
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import type { FileBytes } from '../api';
import { browserFiles, fileBytes } from '../api/page-files';
import { useProjectStore } from '../stores/project';
import { DEFAULT_SPEC } from '../views/design/spec-form';

/** Browser mode: the page picks files itself (no Electron preload, so no native dialogs). */
const pagePicksFiles = () => typeof window !== 'undefined' && !window.lab;

export function useProjectActions() {
  const store = useProjectStore();
  const router = useRouter();
  const { t } = useI18n();

  /** Asks before an action would replace a project with unsaved changes. */
  function mayDiscard(): boolean {
    return !store.project?.unsaved || window.confirm(t('shell.confirmDiscard', { name: store.project.name }));
  }

  /**
   * Browser mode: a file chooser opens only while the click that asked for it is recent (Chromium's user activation
   * lasts about 5 s), so a "discard changes?" question answered after that left Open doing nothing, at random for a
   * test and for a user who read the question slowly. The file is picked first, straight from the click, and the
   * question asked after; cancelling the chooser asks nothing.
   */
  async function pickThenOpen(accept: string, open: (file: FileBytes) => Promise<boolean>, source: string) {
    const file = await browserFiles().pick(accept);
    if (!file || !mayDiscard()) return false;
    let bytes: FileBytes;
    try {
      bytes = await fileBytes(file);
    } catch (error) {
      // The same failure the browser transport's file actions give (api/http-files.ts).
      store.errors[source] = { ok: false, error: `the file could not be read: ${error instanceof Error ? error.message : String(error)}`, code: 'file-unreadable', params: {} };
      return false;
    }
    return open(bytes);
  }

  return {
    async newProject() {
      if (!mayDiscard()) return;
      if (await store.newProject({ name: t('common.untitled'), spec: { ...DEFAULT_SPEC } })) await router.push('/design');
    },
    async open() {
      const opened = pagePicksFiles()
        ? await pickThenOpen('.rnnlab', store.openBytes, 'open')
        : mayDiscard() && (await store.openDialog());
      if (opened) await router.push('/design');
    },
    async importOnnx() {
      const imported = pagePicksFiles()
        ? await pickThenOpen('.onnx', store.importOnnxBytes, 'importOnnx')
        : mayDiscard() && (await store.importOnnxDialog());
      if (imported) await router.push('/design');
    },
    save: () => store.project && store.save(false),
    saveAs: () => store.project && store.save(true),
    undo: () => store.project?.undoLabel && store.undo(),
    redo: () => store.project?.redoLabel && store.redo(),
    mayDiscard,
  };
}
