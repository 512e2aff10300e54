// The compute process runs below normal priority, so the window gets a core first while a run trains at full speed;
// on Linux, where priority is per thread, every thread of it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { runBelowNormalPriority } from '../../src-main/core/compute/priority';
import { LabService } from '../../src-main/core/lab/lab-service';
import { openTomita, value } from '../lab/helpers';

const BELOW = os.constants.priority.PRIORITY_BELOW_NORMAL;

/** Nice value of every thread of a Linux process (field 19 of /proc/PID/task/TID/stat). */
function threadNices(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

let lab: LabService | undefined;
afterEach(() => lab?.dispose());

describe('compute process priority', () => {
  it('asks for below-normal priority, and says when the system refuses', () => {
    const asked: [number, number][] = [];
    expect(runBelowNormalPriority((pid, p) => asked.push([pid, p]), () => [41, 42])).toBe(true);
    expect(asked).toEqual([[0, BELOW], [41, BELOW], [42, BELOW]]);
    expect(runBelowNormalPriority(() => { throw new Error('EACCES'); }, () => [41])).toBe(false);
  });

  it('runs the forked compute process, and on Linux every thread of it, below normal priority', async () => {
    lab = new LabService({ engine: 'reference' });
    openTomita(lab, { steps: 1_000_000 });
    value(await lab.startTraining());
    const pid = lab.context.compute.pid ?? 0;
    expect(pid).toBeGreaterThan(0);
    expect(os.getPriority(pid)).toBe(BELOW);
    expect(os.getPriority(process.pid)).not.toBe(BELOW);
    if (existsSync(`/proc/${pid}/task`)) {
      // Every thread: those V8 and libuv started before the entry ran, and the ones started since.
      const nices = threadNices(pid);
      expect(nices.length).toBeGreaterThan(1);
      expect(nices.filter((n) => n !== BELOW)).toEqual([]);
    }
    value(await lab.stopTraining());
  }, 60_000);
});
