// LabFileActions for the desktop app: native Open/Save dialogs with filters in the main process, then the Lab
// service by path. The renderer never types or sees a path it did not get from one of these dialogs.
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { z } from 'zod';
import type { LabCoreApi, LabFileActions, Result } from '../api/lab-api';
import { safeFileStem } from '../core/lab/files-part';
import { attempt, failureError, parseArgument, RequestError } from '../core/lab/results';
import { readTextCapped } from './text-file';

export const FILTERS = {
  project: { name: 'RNN Lab project', extensions: ['rnnlab'] },
  onnx: { name: 'ONNX model', extensions: ['onnx'] },
  csv: { name: 'CSV series', extensions: ['csv'] },
  text: { name: 'Text file', extensions: ['txt'] },
} as const;

const FIGURE_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.png': { name: 'PNG image', extensions: ['png'] },
  '.svg': { name: 'SVG image', extensions: ['svg'] },
  '.csv': { name: 'CSV table', extensions: ['csv'] },
};

const saveAsSchema = z.boolean({ error: 'expected true (Save As) or false (Save)' });
const exportSchema = z.strictObject({ initialState: z.boolean().optional() }, { error: 'expected {"initialState"?: boolean}' }).optional();
const textKindSchema = z.enum(['csv', 'text'], { error: "expected 'csv' or 'text'" });
const figureSchema = z.strictObject({
  fileName: z.string().regex(/^[^/\\\0]{1,200}\.(png|svg|csv)$/i, { error: 'expected a file name ending in .png, .svg or .csv, without folders' }),
  base64: z.base64({ error: 'expected the contents as base64' }),
}, { error: 'expected {"fileName": "...", "base64": "..."}' });

export interface DialogHost {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  /** The window the dialogs belong to (sheet on macOS); null shows them free-standing. */
  window: () => BrowserWindow | null;
}

/** Appends `ext` when the user typed a name without it (Linux dialogs do not add it). */
export function withExtension(path: string, ext: string): string {
  return extname(path).toLowerCase() === ext ? path : `${path}${ext}`;
}

export function electronFileActions(lab: LabCoreApi, host: DialogHost): LabFileActions {
  async function pick(title: string, filter: { name: string; extensions: readonly string[] }): Promise<string | null> {
    const options: OpenDialogOptions = { title, filters: [{ ...filter, extensions: [...filter.extensions] }], properties: ['openFile'] };
    const window = host.window();
    const choice = window ? await host.dialog.showOpenDialog(window, options) : await host.dialog.showOpenDialog(options);
    return choice.canceled || choice.filePaths.length === 0 ? null : choice.filePaths[0];
  }
  async function choose(options: SaveDialogOptions): Promise<string | null> {
    const window = host.window();
    const choice = window ? await host.dialog.showSaveDialog(window, options) : await host.dialog.showSaveDialog(options);
    return choice.canceled || !choice.filePath ? null : choice.filePath;
  }
  /** The default place for a new file: beside the open project's file, named after the project. */
  async function suggestion(ext: string): Promise<string> {
    const current = await lab.describeProject();
    if (!current.ok) return `untitled${ext}`;
    const name = `${safeFileStem(current.value.name)}${ext}`;
    return current.value.path ? join(dirname(current.value.path), name) : name;
  }
  const unwrap = <T>(result: Result<T>): T => {
    if (!result.ok) throw failureError(result);
    return result.value;
  };

  return {
    openProjectDialog: () =>
      attempt(async () => {
        const path = await pick('Open project', FILTERS.project);
        return path === null ? null : unwrap(await lab.openProject(path));
      }),
    saveProjectDialog: (saveAs: unknown) =>
      attempt(async () => {
        const asNew = parseArgument(saveAsSchema, saveAs, 'save project');
        const current = unwrap(await lab.describeProject());
        if (!asNew && current.path) return unwrap(await lab.saveProject());
        const path = await choose({ title: 'Save project', defaultPath: await suggestion('.rnnlab'), filters: [{ ...FILTERS.project, extensions: ['rnnlab'] }] });
        return path === null ? null : unwrap(await lab.saveProject(withExtension(path, '.rnnlab')));
      }),
    importOnnxDialog: () =>
      attempt(async () => {
        const path = await pick('Import ONNX model as a project', FILTERS.onnx);
        if (path === null) return null;
        const model = unwrap(await lab.openOnnx(path));
        return unwrap(await lab.importOnnx(model.modelId));
      }),
    exportOnnxDialog: (options?: unknown) =>
      attempt(async () => {
        const { initialState } = parseArgument(exportSchema, options, 'export ONNX') ?? {};
        const path = await choose({ title: 'Export ONNX', defaultPath: await suggestion('.onnx'), filters: [{ ...FILTERS.onnx, extensions: ['onnx'] }] });
        return path === null ? null : unwrap(await lab.exportOnnx({ path: withExtension(path, '.onnx'), initialState }));
      }),
    openOnnxDialog: () =>
      attempt(async () => {
        const path = await pick('Open ONNX model', FILTERS.onnx);
        return path === null ? null : unwrap(await lab.openOnnx(path));
      }),
    openTextFileDialog: (kind: unknown) =>
      attempt(async () => {
        const which = parseArgument(textKindSchema, kind, 'open text file');
        const path = await pick(which === 'csv' ? 'Open CSV series' : 'Open text file', FILTERS[which]);
        return path === null ? null : { fileName: basename(path), text: await readTextCapped(path) };
      }),
    saveFileDialog: (file: unknown) =>
      attempt(async () => {
        const { fileName, base64 } = parseArgument(figureSchema, file, 'save file');
        const ext = extname(fileName).toLowerCase();
        const path = await choose({ title: 'Save', defaultPath: fileName, filters: [FIGURE_FILTERS[ext]] });
        if (path === null) return null;
        const target = withExtension(path, ext);
        await writeFile(target, Buffer.from(base64, 'base64')).catch((error: NodeJS.ErrnoException) => {
          throw new RequestError(`${basename(target)}: cannot be written (${error.code ?? error.message})`);
        });
        return target;
      }),
  };
}
