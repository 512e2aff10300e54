// Files in browser mode, done by the page itself: a file picker (<input type="file">) for uploads and a Blob link
// for downloads. The HTTP transport's file actions use these; tests pass a stand-in.
import type { FileBytes } from '../../../src-main/api/lab-api';

export interface PageFiles {
  /** Lets the user pick one file matching `accept`; null when they cancel. Call it straight from a user's click. */
  pick(accept: string): Promise<File | null>;
  /** Hands `bytes` to the browser as a download named `fileName`. */
  download(fileName: string, bytes: Uint8Array, type: string): void;
}

export function browserFiles(doc: Document = document): PageFiles {
  return {
    pick: (accept) =>
      new Promise((resolve) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.accept = accept;
        input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
        // Chromium and Firefox fire 'cancel' when the picker is dismissed.
        input.addEventListener('cancel', () => resolve(null), { once: true });
        input.click();
      }),
    download: (fileName, bytes, type) => {
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
      const link = doc.createElement('a');
      link.href = url;
      link.download = fileName;
      link.rel = 'noopener';
      doc.body.append(link);
      link.click();
      link.remove();
      // Revoked later: the browser may still be reading the Blob when click() returns.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
  };
}

/** A picked file as the lab's FileBytes (name and base64 contents). */
export async function fileBytes(file: File): Promise<FileBytes> {
  return { fileName: file.name, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const TYPES: Record<string, string> = {
  rnnlab: 'application/json',
  onnx: 'application/octet-stream',
  png: 'image/png',
  svg: 'image/svg+xml',
  csv: 'text/csv',
};

export function mimeType(fileName: string): string {
  return TYPES[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}
