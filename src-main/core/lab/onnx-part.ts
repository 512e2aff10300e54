// The ONNX workbench: export, open, run, import (owned by the DATA helper; stub until it lands).
// Each method answers one line until the real part replaces this file.
import type { FileBytes, OnnxExportReport, OnnxModelView, OnnxRunView, ProjectSummary, Result } from '../../api/lab-api';
import type { LabContext } from './context';
import { RequestError } from './results';

export class OnnxPart {
  constructor(private readonly context: LabContext) {}

  exportOnnx(_options?: unknown): Promise<Result<OnnxExportReport>> {
    return this.context.attempt(() => {
      throw new RequestError('exportOnnx is not implemented yet');
    });
  }

  openOnnx(_path: unknown): Promise<Result<OnnxModelView>> {
    return this.context.attempt(() => {
      throw new RequestError('openOnnx is not implemented yet');
    });
  }

  openOnnxBytes(_file: unknown): Promise<Result<OnnxModelView>> {
    return this.context.attempt(() => {
      throw new RequestError('openOnnxBytes is not implemented yet');
    });
  }

  onnxBytes(_modelId: unknown): Promise<Result<FileBytes>> {
    return this.context.attempt(() => {
      throw new RequestError('onnxBytes is not implemented yet');
    });
  }

  runOnnx(_request: unknown): Promise<Result<OnnxRunView>> {
    return this.context.attempt(() => {
      throw new RequestError('runOnnx is not implemented yet');
    });
  }

  cancelOnnxRun(): Promise<Result<null>> {
    return this.context.attempt(() => {
      throw new RequestError('cancelOnnxRun is not implemented yet');
    });
  }

  importOnnx(_modelId: unknown): Promise<Result<ProjectSummary>> {
    return this.context.attempt(() => {
      throw new RequestError('importOnnx is not implemented yet');
    });
  }
}
