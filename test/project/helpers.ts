// Shared fixtures for project-file tests: one small spec per family, a valid project, temp folders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { newProject } from '../../src-main/core/project/index';
import type { Project } from '../../src-main/core/project/types';
import { parseModelSpec } from '../../src-main/core/spec/schema';

export const FAMILY_SPECS: Record<string, Record<string, unknown>> = {
  rnn: { arch: 'rnn', input_size: 3, hidden_size: 4, num_layers: 2, bidirectional: true, nonlinearity: 'relu', output_size: 2 },
  lstm: { arch: 'lstm', input_size: 2, hidden_size: 3, num_layers: 2, dropout: 0.25, output_size: 1, output_activation: 'sigmoid' },
  gru: { arch: 'gru', input_size: 2, hidden_size: 5, bias: false, batch_first: false, init: { scheme: 'orthogonal', seed: 4 } },
  elman: { arch: 'elman', input_size: 3, hidden_size: 4, output_size: 3, shortcut: true, output_activation: 'softmax' },
  jordan: { arch: 'jordan', input_size: 2, hidden_size: 3, output_size: 2, init: { scheme: 'xavier', gain: 0.5, seed: 9 } },
  gated: { arch: 'gated', input_size: 2, hidden_size: 4, learn_h0: true, output_size: 1, init: { scheme: 'identity', spectral_radius: 1.2 } },
};

export function familyProject(family: string, name = `tiny ${family}`): Project {
  return newProject(name, parseModelSpec(FAMILY_SPECS[family]), new Date('2026-01-31T12:00:00.000Z'));
}

/** A fresh temp folder per test, removed afterwards. Call at the top level of a test file. */
export function useTempFolder(): () => string {
  let folder: string | null = null;
  afterEach(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = null;
  });
  return () => (folder ??= mkdtempSync(join(tmpdir(), 'rnnlab-project-test-')));
}
