// The desktop host's small pieces on their own: the second instance that hands over and quits, command-line
// project arguments, the launch queue, and the capped text reader behind openTextFileDialog.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LaunchQueue, projectArgument } from '../../src-main/electron/launch-files';
import { readTextCapped } from '../../src-main/electron/text-file';

const electron = await vi.hoisted(async () => (await import('./electron-mock')).createElectronMock());
vi.mock('electron', () => electron);

const dir = mkdtempSync(join(tmpdir(), 'rnnlab-host-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a second launch', () => {
  it('quits at once, opening no window, when another instance holds the lock', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    const main = await import('../../src-main/electron/main');
    expect(await main.hostStarted).toBeNull();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
  });
});

describe('projectArgument', () => {
  writeFileSync(join(dir, 'a.rnnlab'), '{}');
  writeFileSync(join(dir, 'B.RNNLAB'), '{}');
  it('takes the last existing .rnnlab argument, resolved against the launch folder, skipping flags', () => {
    expect(projectArgument(['/opt/RNN Lab/rnn-lab', '--no-sandbox', 'a.rnnlab'], dir)).toBe(join(dir, 'a.rnnlab'));
    expect(projectArgument(['rnn-lab', join(dir, 'a.rnnlab'), 'B.RNNLAB'], dir)).toBe(join(dir, 'B.RNNLAB'));
    expect(projectArgument(['rnn-lab', 'missing.rnnlab', '--x=a.rnnlab', 'notes.txt'], dir)).toBeNull();
    expect(projectArgument(['electron', '.'], dir)).toBeNull();
  });
});

describe('LaunchQueue', () => {
  it('keeps paths that arrive before the app is ready and opens them, then later ones, in order', async () => {
    const queue = new LaunchQueue();
    const opened: string[] = [];
    queue.push('/one.rnnlab');
    queue.push('/two.rnnlab');
    expect(queue.waiting).toBe(2);
    queue.ready(async (path) => {
      await new Promise((done) => setTimeout(done, 5));
      opened.push(path);
    });
    queue.push('/three.rnnlab');
    await queue.idle();
    expect(opened).toEqual(['/one.rnnlab', '/two.rnnlab', '/three.rnnlab']);
  });
});

describe('readTextCapped', () => {
  it('reads UTF-8 text without its byte-order mark', async () => {
    writeFileSync(join(dir, 'text.txt'), '\uFEFFhällo\n');
    expect(await readTextCapped(join(dir, 'text.txt'))).toBe('hällo\n');
  });

  it('refuses a file over the cap, a device (stat says 0 bytes), a folder and bytes that are not UTF-8', async () => {
    writeFileSync(join(dir, 'big.csv'), 'x'.repeat(2049));
    await expect(readTextCapped(join(dir, 'big.csv'), 2048)).rejects.toThrow(/^big\.csv: is larger than 0\.001953125 MB/);
    writeFileSync(join(dir, 'exact.csv'), 'x'.repeat(2048));
    expect((await readTextCapped(join(dir, 'exact.csv'), 2048)).length).toBe(2048);
    await expect(readTextCapped('/dev/zero')).rejects.toThrow('zero: is not a regular file; expected a CSV or text file');
    symlinkSync('/dev/zero', join(dir, 'zero.txt'));
    await expect(readTextCapped(join(dir, 'zero.txt'))).rejects.toThrow('zero.txt: is not a regular file');
    await expect(readTextCapped(dir)).rejects.toThrow(/is not a regular file/);
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x68, 0xe4, 0x6c]));
    await expect(readTextCapped(join(dir, 'latin1.txt'))).rejects.toThrow('latin1.txt: is not UTF-8 text; save it as UTF-8 and pick it again');
    await expect(readTextCapped(join(dir, 'nope.txt'))).rejects.toThrow('nope.txt: cannot be read (ENOENT)');
  });
});
