// Saving what a chart shows: CSV text or a PNG data URL. In Electron through LabApi's saveFileDialog (a native save
// dialog; answers the path, or null when cancelled); in a browser through a Blob and a download link.
import { lab, type Result } from '../api';

export interface SaveOutcome {
  /** Where Electron wrote the file; null for a browser download. */
  path: string | null;
  fileName: string;
}

export function base64OfText(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A file name from a chart's name: lower case, dashes, nothing a file system refuses. */
export function fileStem(name: string): string {
  return name.trim().toLowerCase().replace(/[\\/:*?"<>|]+/g, '').replace(/\s+/g, '-') || 'chart';
}

function browserDownload(fileName: string, base64: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytesOfBase64(base64)], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves base64 bytes; null when the user cancelled the dialog. */
async function save(fileName: string, base64: string, type: string): Promise<Result<SaveOutcome | null>> {
  if (!window.lab) {
    browserDownload(fileName, base64, type);
    return { ok: true, value: { path: null, fileName } };
  }
  const saved = await lab.saveFileDialog({ fileName, base64 });
  if (!saved.ok) return saved;
  return { ok: true, value: saved.value === null ? null : { path: saved.value, fileName } };
}

export function useDownload() {
  return {
    csv: (fileName: string, text: string) => save(fileName, base64OfText(text), 'text/csv'),
    png: (fileName: string, dataUrl: string) => save(fileName, dataUrl.slice(dataUrl.indexOf(',') + 1), 'image/png'),
  };
}
