// .ci/run installs python3-onnx when /usr/bin/python3 cannot import onnx (issue 5): without it the onnx.checker
// tests skip on a fresh machine. The probe is run here as CI runs it, and must agree with the tests' own probe.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PYTHON, pythonOnnxMissing } from './python';

const script = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8');

describe('.ci/run', () => {
  it('adds python3-onnx to the missing packages when the probe fails', () => {
    const line = script.split('\n').find((l) => l.includes('missing+=(python3-onnx)'));
    expect(line).toBeDefined();
    const probe = line!.split('||')[0].trim();
    expect(probe.startsWith(`${PYTHON} -c 'import onnx'`)).toBe(true);
    const status = spawnSync('bash', ['-c', probe]).status;
    expect(status === 0).toBe(pythonOnnxMissing === null);
  });

  it('installs the missing packages before running the suite', () => {
    expect(script.indexOf('apt-get install')).toBeGreaterThan(script.indexOf('missing+=(python3-onnx)'));
    expect(script.indexOf('apt-get install')).toBeLessThan(script.indexOf('npm test'));
  });
});
