// Training settings for LabApi: every training, monitor and run setting with its form description, and deep patches
// validated by the core's own parsers (one line naming the bad field), applied as undoable edits. Logic in lab/settings/.
import type { EditLabel, EditOutcome, FieldChange, Result, SettingsView } from '../../api/lab-api';
import type { LabContext } from './context';
import { applySettingsPatch, readSettings } from './settings/patch';

export class SettingsPart {
  constructor(private readonly context: LabContext) {}

  getSettings(): Promise<Result<SettingsView>> {
    return this.context.attempt(() => structuredClone(readSettings(this.context.workspace.require())));
  }

  updateSettings(patch: unknown): Promise<Result<EditOutcome>> {
    return this.context.serial(() => {
      const { workspace } = this.context;
      const edit = applySettingsPatch(workspace.require(), patch);
      // Sending a value the setting already has is not an edit: nothing to undo.
      const what: EditLabel = { kind: 'settings', params: edit.changes.length === 1 ? { path: edit.changes[0].path } : { count: edit.changes.length } };
      if (edit.changes.length === 0) return workspace.unchanged(edit.message, what);
      const label = edit.changes.length === 1 ? `Change ${edit.changes[0].path}` : 'Change settings';
      const changes = edit.changes.map((c) => ({ field: c.path, from: plain(c.from), to: plain(c.to) }));
      return workspace.edit(label, { project: edit.project, message: edit.message, changes }, what);
    });
  }
}

/** A setting's value as a change reports it: numbers, text and flags as they are, anything else as JSON. */
export function plain(value: unknown): FieldChange['from'] {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);
}
