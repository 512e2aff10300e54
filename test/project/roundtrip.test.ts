// Project files round trip for all six families: spec equal, weights equal after float32 rounding, sections kept.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base64Length, decodeFloat32, encodeFloat32 } from '../../src-main/core/project/codec';
import {
  loadProject,
  parseProject,
  projectSummary,
  formatProjectSummary,
  saveProject,
  serializeProject,
} from '../../src-main/core/project/index';
import { parameterCount, paramLayout } from '../../src-main/core/spec/params';
import { FAMILY_SPECS, familyProject, useTempFolder } from './helpers';

const tempFolder = useTempFolder();

describe('float32 codec', () => {
  it('writes little-endian float32 whatever the platform: 1.0 is bytes 00 00 80 3f', () => {
    expect(encodeFloat32([1])).toBe(Buffer.from([0x00, 0x00, 0x80, 0x3f]).toString('base64'));
    expect(encodeFloat32([-2, 0.5])).toBe(Buffer.from([0, 0, 0, 0xc0, 0, 0, 0, 0x3f]).toString('base64'));
  });

  it('decodes what it encodes, rounded to float32', () => {
    const values = [0.1, -3.25, 1e-8, 123456.789, 0];
    const text = encodeFloat32(values);
    expect(text.length).toBe(base64Length(values.length));
    const decoded = decodeFloat32(text, values.length);
    expect('values' in decoded && Array.from(decoded.values)).toEqual(values.map(Math.fround));
  });
});

describe('round trip', () => {
  for (const family of Object.keys(FAMILY_SPECS)) {
    it(`${family}: serialise -> parse keeps spec, float32 weights, name, dates and sections`, () => {
      const project = familyProject(family);
      project.task = { kind: 'tomita', grammar: 3 };
      project.training = { lr: 0.01, nested: { steps: [1, 2, 3] } };
      const back = parseProject(serializeProject(project), `${family}.rnnlab`);
      expect(back.spec).toEqual(project.spec);
      expect(back.name).toBe(project.name);
      expect(back.created).toBe(project.created);
      expect(back.modified).toBe(project.modified);
      expect(back.task).toEqual(project.task);
      expect(back.training).toEqual(project.training);
      expect(back.history).toBeNull();
      expect(Object.keys(back.weights)).toEqual(paramLayout(project.spec).map((p) => p.name));
      for (const [name, tensor] of Object.entries(project.weights)) {
        expect(back.weights[name].shape).toEqual(tensor.shape);
        expect(back.weights[name].data).toBeInstanceOf(Float64Array);
        expect(Array.from(back.weights[name].data)).toEqual(Array.from(tensor.data, Math.fround));
      }
      // float32 rounding is a fixed point: writing the loaded project gives the same text again.
      expect(serializeProject(back)).toBe(serializeProject(project));
    });
  }

  it('save -> load through the disk gives the same project, with modified set to the save time', async () => {
    const path = join(tempFolder(), 'rt.rnnlab');
    const project = familyProject('lstm');
    const before = Date.now();
    await saveProject(path, project);
    expect(Date.parse(project.modified)).toBeGreaterThanOrEqual(before - 1);
    const loaded = await loadProject(path);
    expect(loaded.spec).toEqual(project.spec);
    expect(loaded.modified).toBe(project.modified);
    expect(loaded.created).toBe('2026-01-31T12:00:00.000Z');
    expect(readFileSync(path, 'utf8')).toBe(serializeProject(loaded));
  });
});

describe('summary', () => {
  it('reports arch, sizes and the parameter count that rnnlab info prints', () => {
    const project = familyProject('rnn');
    const info = projectSummary(project);
    expect(info).toMatchObject({ arch: 'rnn', input_size: 3, hidden_size: 4, num_layers: 2, bidirectional: true, output_size: 2 });
    // rnn, I=3, H=4, 2 layers, bidirectional: per direction l0 4*3+4*4+4+4, l1 4*8+4*4+4+4; head 2*8+2.
    expect(info.parameters).toBe(2 * (12 + 16 + 8) + 2 * (32 + 16 + 8) + 18);
    expect(info.parameters).toBe(parameterCount(project.spec));
    expect(info.tensors.map((t) => t.name)).toContain('weight_hh_l1_reverse');
    const text = formatProjectSummary(info);
    expect(text).toMatch(/^arch +rnn \(2 layers, bidirectional\)$/m);
    expect(text).toMatch(/^parameters +202 in 18 tensors$/m);
  });
});
