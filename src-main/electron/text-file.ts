// Reads a file the user picked as UTF-8 text through a byte cap: a device, a folder or a huge file is refused in one
// line instead of being read into memory (`stat` says 0 bytes for /dev/zero, so the cap is enforced while reading).
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { RequestError } from '../core/lab/results';

/** Largest CSV or text file the file dialogs read (the contract's 16 MB). */
export const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;

export async function readTextCapped(path: string, cap = MAX_TEXT_FILE_BYTES): Promise<string> {
  const label = basename(path);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new RequestError(`${label}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new RequestError(`${label}: is not a regular file; expected a CSV or text file`);
    const chunks: Buffer[] = [];
    let length = 0;
    // Read in chunks until the end or one byte past the cap, whatever stat said.
    while (length <= cap) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, cap + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    if (length > cap) throw new RequestError(`${label}: is larger than ${cap / 2 ** 20} MB; expected a smaller CSV or text file`, { code: 'text-too-large', params: { file: label, max: cap / 2 ** 20 } });
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)).replace(/^\uFEFF/, '');
    } catch {
      throw new RequestError(`${label}: is not UTF-8 text; save it as UTF-8 and pick it again`, { code: 'text-not-utf8', params: { file: label } });
    }
  } finally {
    await handle.close();
  }
}
