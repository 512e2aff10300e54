// Training settings: getSettings, updateSettings (owned by the DATA helper; stub until it lands).
// Each method answers one line until the real part replaces this file.
import type { EditOutcome, Result, SettingsView } from '../../api/lab-api';
import type { LabContext } from './context';
import { RequestError } from './results';

export class SettingsPart {
  constructor(private readonly context: LabContext) {}

  getSettings(): Promise<Result<SettingsView>> {
    return this.context.attempt(() => {
      throw new RequestError('getSettings is not implemented yet');
    });
  }

  updateSettings(_patch: unknown): Promise<Result<EditOutcome>> {
    return this.context.attempt(() => {
      throw new RequestError('updateSettings is not implemented yet');
    });
  }
}
