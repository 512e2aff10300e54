// The kernel's C++ cross-compiled for aarch64 (Debian g++-aarch64-linux-gnu) and run under qemu-aarch64 (qemu-user):
// forward and backward of every family must match the x86 results committed in fixtures/kernel-reference.txt,
// float64 to 1e-10 and float32 to 1e-5 (src-main/kernel/test-harness/), on the NEON GEMM (the default on arm64) and
// on the portable one. Skipped, saying so, without the cross tools
// (.ci/run installs them). If the kernel's math changes on purpose: node scripts/kernel-harness.mjs write.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { available, buildHarness, FIXTURE, runHarness, toolchain } from '../../scripts/kernel-harness.mjs';

const crossTools = available(toolchain('aarch64').cxx) && available('qemu-aarch64');
const title = crossTools
  ? 'aarch64 kernel under qemu-aarch64'
  : 'aarch64 kernel under qemu-aarch64 (SKIPPED: install g++-aarch64-linux-gnu and qemu-user, as .ci/run does)';

describe.skipIf(!crossTools)(title, () => {
  let binary = '';

  it('cross-compiles without warnings (-Wall -Wextra -Werror) and matches the x86 results of every family', { timeout: 900_000 }, () => {
    binary = buildHarness('aarch64');
    const r = runHarness('aarch64', binary, ['check', FIXTURE]);
    expect(r.output).toMatch(/gemm neon, \d+ arrays of 9 cases checked, .*: ok/);
    expect(r.status, r.output).toBe(0);
  });

  it('the portable variant stays reachable with RNNLAB_GEMM=generic and matches too', { timeout: 300_000 }, () => {
    expect(binary, 'the build above failed').not.toBe('');
    const r = runHarness('aarch64', binary, ['check', FIXTURE], { RNNLAB_GEMM: 'generic' });
    expect(r.output).toMatch(/gemm generic, \d+ arrays of 9 cases checked, .*: ok/);
    expect(r.status, r.output).toBe(0);
  });

  it('also on 2 threads, and fails on a fixture changed by 1e-9 in one float64 value', { timeout: 300_000 }, () => {
    expect(binary, 'the build above failed').not.toBe('');
    expect(runHarness('aarch64', binary, ['check', FIXTURE, '2']).status).toBe(0);
    const lines = readFileSync(FIXTURE, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('lstm/f64/dParams '));
    const fields = lines[at].split(' ');
    fields[2] = String(Number(fields[2]) + 1e-9);
    lines[at] = fields.join(' ');
    const tampered = path.join(os.tmpdir(), `kernel-reference-tampered-${process.pid}.txt`);
    writeFileSync(tampered, lines.join('\n'));
    const r = runHarness('aarch64', binary, ['check', tampered]);
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/FAIL lstm\/f64\/dParams\[0\]/);
  });
});
