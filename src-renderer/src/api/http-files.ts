// LabFileActions in browser mode: open = a file picker, then the bytes go to the lab (openProjectBytes,
// openOnnxBytes); save and export = the bytes come back from the lab (projectBytes, onnxBytes) as a download.
// Text files are read in the page through a 16 MB cap. No server path is ever typed.
import type { Failure, LabCoreApi, LabFileActions, Result } from '../../../src-main/api/lab-api';
import { base64ToBytes, bytesToBase64, mimeType, type PageFiles } from './page-files';

/** Largest CSV or text file the page reads (the contract's 16 MB). */
export const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = (error: string, coded?: Pick<Failure, 'code' | 'params'>): Result<never> => ({ ok: false, error, ...coded });

export function httpFileActions(lab: LabCoreApi, files: PageFiles): LabFileActions {
  async function upload(accept: string) {
    const file = await files.pick(accept);
    if (!file) return null;
    return { fileName: file.name, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
  }
  const guard = async <T>(work: () => Promise<Result<T>>): Promise<Result<T>> => {
    try {
      return await work();
    } catch (error) {
      return fail(`the file could not be read: ${error instanceof Error ? error.message : String(error)}`, { code: 'file-unreadable', params: {} });
    }
  };

  return {
    openProjectDialog: () =>
      guard(async () => {
        const file = await upload('.rnnlab');
        return file ? lab.openProjectBytes(file) : ok(null);
      }),
    saveProjectDialog: (saveAs) =>
      guard(async () => {
        // A project opened from the served folder goes back to its file; otherwise (and Save As) it is downloaded.
        const current = await lab.describeProject();
        if (!current.ok) return current;
        if (!saveAs && current.value.path) return lab.saveProject();
        const bytes = await lab.projectBytes();
        if (!bytes.ok) return bytes;
        files.download(bytes.value.fileName, base64ToBytes(bytes.value.base64), mimeType(bytes.value.fileName));
        return ok({ path: null, backupPath: null });
      }),
    importOnnxDialog: () =>
      guard(async () => {
        const file = await upload('.onnx');
        if (!file) return ok(null);
        const model = await lab.openOnnxBytes(file);
        return model.ok ? lab.importOnnx(model.value.modelId) : model;
      }),
    exportOnnxDialog: (options) =>
      guard(async () => {
        const report = await lab.exportOnnx({ initialState: options?.initialState });
        if (!report.ok) return report;
        const bytes = await lab.onnxBytes(report.value.modelId);
        if (!bytes.ok) return bytes;
        files.download(bytes.value.fileName, base64ToBytes(bytes.value.base64), mimeType(bytes.value.fileName));
        return ok({ ...report.value, path: null });
      }),
    openOnnxDialog: () =>
      guard(async () => {
        const file = await upload('.onnx');
        return file ? lab.openOnnxBytes(file) : ok(null);
      }),
    openTextFileDialog: (kind) =>
      guard(async () => {
        const file = await files.pick(kind === 'csv' ? '.csv,text/csv' : '.txt,text/plain');
        if (!file) return ok(null);
        if (file.size > MAX_TEXT_FILE_BYTES) {
          return fail(`${file.name}: is larger than ${MAX_TEXT_FILE_BYTES / 2 ** 20} MB; expected a smaller CSV or text file`, { code: 'text-too-large', params: { file: file.name, max: MAX_TEXT_FILE_BYTES / 2 ** 20 } });
        }
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer()).replace(/^\uFEFF/, '');
        } catch {
          return fail(`${file.name}: is not UTF-8 text; save it as UTF-8 and pick it again`, { code: 'text-not-utf8', params: { file: file.name } });
        }
        return ok({ fileName: file.name, text });
      }),
    saveFileDialog: (file) =>
      guard(async () => {
        files.download(file.fileName, base64ToBytes(file.base64), mimeType(file.fileName));
        return ok(null);
      }),
  };
}
