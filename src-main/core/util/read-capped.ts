// Reading a file a user named, safely: only a regular file (a device such as /dev/zero, a FIFO or a socket is
// refused before a byte is read; a FIFO is opened non-blocking so it cannot hang), and never more than a byte cap,
// counted while reading rather than trusted from stat (which says 0 for devices and /proc files).
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** Why the file was refused, in words, without the path (callers name the file their own way). */
export class FileReadRefusal extends Error {}

const CHUNK = 1 << 20;
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** The file's bytes; throws FileReadRefusal (not regular, or over `maxBytes`) or the fs error (ENOENT, EACCES...). */
export function readFileCapped(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, FLAGS);
  try {
    checkRegular(fstatSync(fd));
    const reader = new CappedReader(maxBytes);
    while (reader.add(readSync(fd, reader.next(), 0, reader.size, null)));
    return reader.result();
  } finally {
    closeSync(fd);
  }
}

/** The same, without blocking the event loop (project files in the desktop app). */
export async function readFileCappedAsync(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, FLAGS);
  try {
    checkRegular(await handle.stat());
    const reader = new CappedReader(maxBytes);
    while (reader.add((await handle.read(reader.next(), 0, reader.size, null)).bytesRead));
    return reader.result();
  } finally {
    await handle.close();
  }
}

function checkRegular(info: Stats): void {
  const kind = fileKind(info);
  if (kind !== null) throw new FileReadRefusal(`is ${kind}, not a regular file`);
}

/** Chunks read so far; refuses as soon as one byte more than the cap arrives. */
class CappedReader {
  private readonly chunks: Buffer[] = [];
  private total = 0;
  private chunk = Buffer.alloc(0);
  size = 0;

  constructor(private readonly maxBytes: number) {}

  next(): Buffer {
    this.size = Math.min(CHUNK, this.maxBytes + 1 - this.total);
    this.chunk = Buffer.allocUnsafe(this.size);
    return this.chunk;
  }

  /** Takes `n` bytes read into the last chunk; false at the end of the file. */
  add(n: number): boolean {
    if (n === 0) return false;
    this.total += n;
    if (this.total > this.maxBytes) throw new FileReadRefusal(`is larger than ${formatBytes(this.maxBytes)}, the most this reads`);
    this.chunks.push(this.chunk.subarray(0, n));
    return true;
  }

  result(): Buffer {
    return Buffer.concat(this.chunks, this.total);
  }
}

/** `a folder`, `a character device (such as /dev/zero)`, ... or null for a regular file. */
function fileKind(info: Stats): string | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) return 'a folder';
  if (info.isCharacterDevice()) return 'a character device (such as /dev/zero)';
  if (info.isBlockDevice()) return 'a block device (a disk)';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  return 'a special file';
}

/** 400 MiB, 50 MiB, 512 KiB: binary units, as the caps are. */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 20) return `${+(bytes / 2 ** 20).toFixed(1)} MiB`;
  if (bytes >= 2 ** 10) return `${+(bytes / 2 ** 10).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
