// Training settings for LabApi: every training, monitor and run setting with its form description, and deep patches
// validated by the core's own parsers (one line naming the bad field), applied as undoable edits. Logic in lab/settings/.
import type { EditOutcome, Result, SettingsView } from '../../api/lab-api';
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
      if (edit.changes.length === 0) return { summary: workspace.summary(), message: edit.message, kept: [], reinitialised: [] };
      const label = edit.changes.length === 1 ? `Change ${edit.changes[0].path}` : 'Change settings';
      return workspace.edit(label, { project: edit.project, message: edit.message });
    });
  }
}
