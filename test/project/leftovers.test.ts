// Temporary files of a save are recognisable (`.NAME.rnnlab-tmp-<pid>-<hex>`) and the next save removes the ones a
// killed process left: a real `rnnlab new` is SIGKILLed while it writes, then a second save cleans up.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTemporaries, temporaryPath } from '../../src-main/core/util/atomic-file';
import { BIN, requireBuiltCli, spawnCli } from '../cli/cli-helpers';
import { useTempFolder } from './helpers';

requireBuiltCli();
const tempFolder = useTempFolder();

/** Starts a save of a ~22 MB project over `target` and SIGKILLs it as soon as a temporary appears beside it. */
async function killMidSave(folder: string, target: string): Promise<string[]> {
  const child = spawn(process.execPath, [BIN, 'new', '--arch', 'lstm', '--input-size', '2', '--hidden-size', '1024', '--force', '-o', target], { stdio: 'ignore' });
  const exited = new Promise((done) => child.on('exit', done));
  const deadline = Date.now() + 30_000;
  let seen: string[] = [];
  while (Date.now() < deadline && child.exitCode === null) {
    seen = readdirSync(folder).filter((n) => n !== 'out.rnnlab' && n !== 'out.rnnlab.bak');
    if (seen.length > 0) break;
    await new Promise((r) => setImmediate(r));
  }
  child.kill('SIGKILL');
  await exited;
  return readdirSync(folder).filter((n) => n !== 'out.rnnlab' && n !== 'out.rnnlab.bak');
}

describe('temporary files of a save', () => {
  it('are named .NAME.rnnlab-tmp-<pid>-<hex> beside the target', () => {
    expect(temporaryPath('/data/out.rnnlab')).toMatch(new RegExp(`^/data/\\.out\\.rnnlab\\.rnnlab-tmp-${process.pid}-[0-9a-f]{8}$`));
  });

  it('left by a SIGKILLed save are removed by the next save', async () => {
    const folder = tempFolder();
    const target = join(folder, 'out.rnnlab');
    expect(spawnCli(['new', '--arch', 'rnn', '--input-size', '1', '--hidden-size', '2', '-o', target]).code).toBe(0);
    let left: string[] = [];
    for (let attempt = 0; attempt < 5 && left.length === 0; attempt++) left = await killMidSave(folder, target);
    expect(left.length, 'a save killed while writing leaves its temporary').toBeGreaterThan(0);
    expect(left.every((n) => /^\.out\.rnnlab(\.bak)?\.rnnlab-tmp-\d+-[0-9a-f]{8}$/.test(n)), left.join(', ')).toBe(true);
    const r = spawnCli(['new', '--arch', 'rnn', '--input-size', '1', '--hidden-size', '2', '--force', '-o', target]);
    expect(r.stderr).toBe('');
    expect(readdirSync(folder).sort()).toEqual(['out.rnnlab', 'out.rnnlab.bak']);
  }, 120_000);

  it('of a live process are kept unless over an hour old; other files are never touched', async () => {
    const folder = tempFolder();
    mkdirSync(folder, { recursive: true });
    const target = join(folder, 'p.rnnlab');
    const live = `.p.rnnlab.rnnlab-tmp-${process.pid}-0000abcd`;
    const oldLive = `.p.rnnlab.rnnlab-tmp-${process.pid}-0000beef`;
    const dead = '.p.rnnlab.rnnlab-tmp-999999999-12345678';
    const others = ['p.rnnlab.4037439808', '.q.rnnlab.rnnlab-tmp-999999999-12345678', '.p.rnnlab.rnnlab-tmp-notes'];
    for (const name of [live, oldLive, dead, ...others]) writeFileSync(join(folder, name), '');
    const twoHoursAgo = (Date.now() - 2 * 3600_000) / 1000;
    utimesSync(join(folder, oldLive), twoHoursAgo, twoHoursAgo);
    expect((await removeStaleTemporaries(target)).sort()).toEqual([oldLive, dead].sort());
    expect(existsSync(join(folder, live))).toBe(true);
    for (const name of others) expect(existsSync(join(folder, name)), name).toBe(true);
  });
});
