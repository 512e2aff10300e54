// What the desktop host adds beside LabApi: the native menu's actions, heard by the renderer through `window.lab`.
// Optional on purpose: browser mode has no native menu, so the renderer checks for `onMenuAction` before using it.
import type { Unsubscribe } from '../lab-api';

/** The actions the native menu (and the renderer's keyboard shortcuts) trigger; the renderer performs each one. */
export const MENU_ACTIONS = ['new', 'open', 'save', 'saveAs', 'importOnnx', 'openOnnx', 'exportOnnx', 'undo', 'redo'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

/** Host-only events: present on `window.lab` in Electron, absent in browser mode. */
export interface LabHostEvents {
  /** Hears the native menu: the renderer runs the same action its shortcut would (e.g. 'save' -> saveProjectDialog). */
  onMenuAction?(listener: (action: MenuAction) => void): Unsubscribe;
}

/** IPC channel the main process sends menu actions on. */
export const MENU_ACTION_CHANNEL = 'lab-host:menu-action';
