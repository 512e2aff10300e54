// The compute process runs below normal priority. Training, the native kernel and onnxruntime are background work:
// when the cores are busy (a run at full speed takes one of them), the window must get a core first, so the page stays
// responsive. Lowering is always allowed (raising it back is not, and never needed).
import { readdirSync } from 'node:fs';
import os from 'node:os';

/** Thread ids of this process on Linux, where the priority is per thread; [] elsewhere (it is per process there). */
function linuxThreadIds(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number).filter((tid) => tid > 0 && tid !== process.pid);
  } catch {
    return [];
  }
}

/**
 * Lowers the calling process's priority (nice 10 on Linux and macOS, BELOW_NORMAL on Windows). Call it first thing.
 * On Linux the value is per thread: every thread already running (V8's and libuv's) is lowered too, and threads
 * started afterwards (the training worker, the kernel's pool) inherit it from the thread that starts them.
 * Returns false when the system refused (the process then keeps running at its priority).
 */
export function runBelowNormalPriority(
  setPriority: (pid: number, priority: number) => void = (pid, p) => os.setPriority(pid, p),
  threadIds: () => number[] = linuxThreadIds,
): boolean {
  const below = os.constants.priority.PRIORITY_BELOW_NORMAL;
  try {
    setPriority(0, below);
  } catch {
    return false;
  }
  for (const tid of threadIds()) {
    try {
      setPriority(tid, below);
    } catch {
      // A thread that ended meanwhile.
    }
  }
  return true;
}
