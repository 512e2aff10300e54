// Installs the app's keyboard shortcuts (Ctrl/Cmd+N, O, S, Shift+S, Z, Shift+Z / Y) on the window, calling the
// same actions as the header's buttons. Pages add their own keys (Space on Train) through onPageKey().
import { onBeforeUnmount, onMounted } from 'vue';
import { isTextEditing, shortcutFor, type ShortcutName } from './shortcuts';

type PageKeyHandler = (event: KeyboardEvent) => boolean;
const pageHandlers = new Set<PageKeyHandler>();

/** A page's own key handling (e.g. Space pauses on Train); return true when handled. Unregisters on unmount. */
export function onPageKey(handler: PageKeyHandler): void {
  onMounted(() => pageHandlers.add(handler));
  onBeforeUnmount(() => pageHandlers.delete(handler));
}

export function useShortcuts(actions: Record<ShortcutName, () => unknown>): void {
  function onKey(event: KeyboardEvent): void {
    const name = shortcutFor(event);
    if (name) {
      if ((name === 'undo' || name === 'redo') && isTextEditing(event.target)) return;
      event.preventDefault();
      void actions[name]();
      return;
    }
    for (const handler of pageHandlers) if (handler(event)) return event.preventDefault();
  }
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
