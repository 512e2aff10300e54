// Runs Debian's /usr/bin/python3 (torch 1.13 + python3-onnx) from the ONNX tests; `pythonOnnxMissing` is the
// reason to skip when that interpreter or its onnx package is absent (plain `python3` on PATH lacks them).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PYTHON = '/usr/bin/python3';

function probe(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const r = spawnSync(PYTHON, ['-c', 'import onnx'], { encoding: 'utf8' });
  return r.status === 0 ? null : `${PYTHON} cannot import onnx (install python3-onnx)`;
}

/** null when python with onnx is available, else why not. */
export const pythonOnnxMissing: string | null = probe();

/** Runs a python script with arguments; throws with python's stderr when it fails. Returns stdout. */
export function runPython(script: string, args: string[] = []): string {
  const r = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return r.stdout;
}
