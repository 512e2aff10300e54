// Saving a table or figure from an insight page through LabApi's saveFileDialog (Electron: a save dialog; browser
// mode: a download). Text is sent as base64 of its UTF-8 bytes.
import { lab, type Result } from '../api';

export function base64OfText(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function saveText(fileName: string, text: string): Promise<Result<string | null>> {
  return lab.saveFileDialog({ fileName, base64: base64OfText(text) });
}

/** A data URL (canvas PNG) as a file. */
export function saveDataUrl(fileName: string, dataUrl: string): Promise<Result<string | null>> {
  return lab.saveFileDialog({ fileName, base64: dataUrl.slice(dataUrl.indexOf(',') + 1) });
}

/** A file name from a title: lower case, spaces to dashes, nothing a file system refuses. */
export function fileStem(title: string): string {
  return title.trim().toLowerCase().replace(/[\\/:*?"<>|]+/g, '').replace(/\s+/g, '-') || 'figure';
}
