// Every way a project file can be wrong, with the one line a user sees for it (golden table).
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectFileError } from '../../src-main/core/errors';
import { encodeFloat32 } from '../../src-main/core/project/codec';
import { loadProject, parseProject, serializeProject } from '../../src-main/core/project/index';
import { familyProject, useTempFolder } from './helpers';

const tempFolder = useTempFolder();
const VALID = serializeProject(familyProject('gru'));
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The valid gru document (I=2, H=5, no bias, no head), changed by `edit`. */
function edited(edit: (doc: Doc) => void): string {
  const doc = JSON.parse(VALID) as Doc;
  edit(doc);
  return JSON.stringify(doc, null, 2);
}

const BAD_TEXTS: [string, string, string | RegExp][] = [
  ['empty', '', 'tiny.rnnlab: the file is empty (expected an RNN Lab project, JSON text)'],
  ['only whitespace', ' \n\t\n', 'tiny.rnnlab: the file is empty (expected an RNN Lab project, JSON text)'],
  ['truncated mid-file', VALID.slice(0, VALID.indexOf('"weights"')), /^tiny\.rnnlab: not valid JSON: the text ends early at line \d+, column \d+ \(the file is truncated\)$/],
  ['truncated inside a value', VALID.slice(0, VALID.indexOf('"gru"') + 3), /^tiny\.rnnlab: not valid JSON.*line 8/],
  ['corrupt punctuation', VALID.replace(':', ';'), "tiny.rnnlab: not valid JSON (truncated or corrupt): Expected ':' after property name at line 2, column 11"],
  ['trailing garbage', `${VALID}}`, /^tiny\.rnnlab: not valid JSON \(truncated or corrupt\): Unexpected non-whitespace character after JSON at line \d+, column 1$/],
  ['a misspelt literal', VALID.replace('"task": null', '"task": nuXl'), "tiny.rnnlab: not valid JSON (truncated or corrupt): Unexpected token 'X'"],
  ['a JSON array', '[1, 2]', 'tiny.rnnlab: not an RNN Lab project (expected "format": "rnnlab-project", found a JSON array)'],
  ['a JSON number', '42', 'tiny.rnnlab: not an RNN Lab project (expected "format": "rnnlab-project", found a JSON number)'],
  ['JSON null', 'null', 'tiny.rnnlab: not an RNN Lab project (expected "format": "rnnlab-project", found JSON null)'],
  ['a foreign object', '{"x": [[[0]]]}', 'tiny.rnnlab: not an RNN Lab project (expected "format": "rnnlab-project", found a JSON object without it)'],
  ['another format', edited((d) => (d.format = 'onnx-model')), 'tiny.rnnlab: not an RNN Lab project (expected "format": "rnnlab-project", found "format": "onnx-model")'],
  ['a future version', edited((d) => (d.version = 7)), 'tiny.rnnlab: written by a newer RNN Lab (format version 7); this build reads version 1'],
  ['no version', edited((d) => delete d.version), 'tiny.rnnlab: "version": expected a whole number (this build reads version 1), found none'],
  ['version as text', edited((d) => (d.version = '1')), 'tiny.rnnlab: "version": expected a whole number (this build reads version 1), found "1"'],
  ['version 0', edited((d) => (d.version = 0)), 'tiny.rnnlab: "version": format version 0 does not exist; this build reads version 1'],
  ['no name', edited((d) => delete d.name), 'tiny.rnnlab: name: expected the project name as text'],
  ['unknown top-level field', edited((d) => (d.notes = 'hi')), "tiny.rnnlab: unknown field 'notes'"],
  ['a bad date', edited((d) => (d.created = 'yesterday')), 'tiny.rnnlab: created: expected an ISO 8601 date and time like 2026-01-31T12:00:00.000Z, found "yesterday"'],
  ['task as an array', edited((d) => (d.task = [1])), 'tiny.rnnlab: task: expected an object or null, found [1]'],
  ['no model', edited((d) => delete d.model), 'tiny.rnnlab: model: expected the model spec (an object)'],
  ['spec out of range', edited((d) => (d.model.hidden_size = 0)), 'tiny.rnnlab: invalid model spec: hidden_size: expected a hidden size from 1 to 4096, found 0'],
  ['spec unknown field', edited((d) => (d.model.hiden_size = 5)), "tiny.rnnlab: invalid model spec: unknown field 'hiden_size'"],
  ['spec cross-field rule', edited((d) => (d.model.shortcut = true)), "tiny.rnnlab: invalid model spec: shortcut: only elman networks have an input-to-output shortcut, found arch 'gru'"],
  ['weights missing', edited((d) => delete d.weights.weight_hh_l0), 'tiny.rnnlab: weights: missing "weight_hh_l0" (shape [15, 5]), which this gru spec needs'],
  ['weights extra', edited((d) => (d.weights.bias_ih_l0 = { shape: [15], dtype: 'float32', data: encodeFloat32(new Array(15).fill(0)) })), /^tiny\.rnnlab: weights: unexpected "bias_ih_l0", not a parameter of this gru spec \(expected 2: weight_ih_l0, weight_hh_l0\)$/],
  ['weights wrong shape', edited((d) => (d.weights.weight_hh_l0.shape = [5, 15])), 'tiny.rnnlab: weights.weight_hh_l0: expected shape [15, 5] for this gru spec, found [5, 15]'],
  ['weights spec hidden size changed', edited((d) => (d.model.hidden_size = 4)), 'tiny.rnnlab: weights.weight_ih_l0: expected shape [12, 2] for this gru spec, found [15, 2]'],
  ['a __proto__ weight', VALID.replace('"weights": {', '"weights": {"__proto__": {"shape": [1], "dtype": "float32", "data": "AACAPw=="},'), 'tiny.rnnlab: unexpected key "__proto__" (RNN Lab never writes it)'],
  ['weights float64', edited((d) => (d.weights.weight_hh_l0.dtype = 'float64')), 'tiny.rnnlab: weights.weight_hh_l0.dtype: expected "float32", found "float64"'],
  ['weights base64 too short', edited((d) => (d.weights.weight_hh_l0.data = d.weights.weight_hh_l0.data.slice(4))), 'tiny.rnnlab: weights.weight_hh_l0.data: expected 75 float32 values (300 bytes, 400 base64 characters), found 396 base64 characters'],
  ['weights base64 bad character', edited((d) => (d.weights.weight_hh_l0.data = `*${d.weights.weight_hh_l0.data.slice(1)}`)), 'tiny.rnnlab: weights.weight_hh_l0.data: expected base64 (A-Z a-z 0-9 + / and "=" padding), found the character "*" at offset 0'],
  ['weights not text', edited((d) => (d.weights.weight_hh_l0.data = [1, 2])), 'tiny.rnnlab: weights.weight_hh_l0.data: expected base64 text of little-endian float32 values, found [1,2]'],
  ['weights NaN', edited((d) => (d.weights.weight_ih_l0.data = encodeFloat32([0, 1, 2, NaN, ...new Array(26).fill(0)]))), 'tiny.rnnlab: weights.weight_ih_l0: expected finite numbers, found NaN at [1, 1]'],
  ['weights infinite', edited((d) => (d.weights.weight_ih_l0.data = encodeFloat32([...new Array(29).fill(0), -Infinity]))), 'tiny.rnnlab: weights.weight_ih_l0: expected finite numbers, found -Infinity at [14, 1]'],
];

describe('parseProject: one line for each bad document', () => {
  it('the valid document the cases start from parses', () => {
    expect(parseProject(VALID, 'tiny.rnnlab').spec.arch).toBe('gru');
  });
  for (const [what, text, message] of BAD_TEXTS) {
    it(what, () => {
      let error: unknown = null;
      try {
        parseProject(text, 'tiny.rnnlab');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ProjectFileError);
      const line = (error as Error).message;
      expect(line).not.toContain('\n');
      if (typeof message === 'string') expect(line).toBe(message);
      else expect(line).toMatch(message);
    });
  }
});

describe('loadProject: files that are not readable projects', () => {
  async function loadError(path: string): Promise<string> {
    const error = await loadProject(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectFileError);
    return (error as Error).message;
  }

  it('no such file', async () => {
    expect(await loadError(join(tempFolder(), 'gone.rnnlab'))).toBe(`gone.rnnlab: cannot be read: no such file in ${tempFolder()}`);
  });

  it('a folder', async () => {
    mkdirSync(join(tempFolder(), 'dir.rnnlab'));
    expect(await loadError(join(tempFolder(), 'dir.rnnlab'))).toBe('dir.rnnlab: is a folder, not a project file');
  });

  it.skipIf(process.getuid?.() === 0)('a file without read permission', async () => {
    const path = join(tempFolder(), 'locked.rnnlab');
    writeFileSync(path, VALID);
    chmodSync(path, 0o000);
    expect(await loadError(path)).toBe('locked.rnnlab: cannot be read: permission denied');
  });

  const binaries: [string, Buffer, string][] = [
    ['a ZIP archive (PyTorch .pt)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]), 'not an RNN Lab project (expected "format": "rnnlab-project" in JSON text, found a ZIP archive, as PyTorch .pt files are)'],
    ['binary data', Buffer.from([0x08, 0x07, 0x12, 0x00, 0x41]), 'not an RNN Lab project (expected "format": "rnnlab-project" in JSON text, found binary data, such as an ONNX model)'],
    ['invalid UTF-8', Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), 'not UTF-8 text (the file is corrupt or not an RNN Lab project)'],
  ];
  for (const [what, bytes, message] of binaries) {
    it(what, async () => {
      const path = join(tempFolder(), 'odd.rnnlab');
      writeFileSync(path, bytes);
      expect(await loadError(path)).toBe(`odd.rnnlab: ${message}`);
      expect(readFileSync(path)).toEqual(bytes);
    });
  }

  it('a UTF-8 byte-order mark is accepted', async () => {
    const path = join(tempFolder(), 'bom.rnnlab');
    writeFileSync(path, `\uFEFF${VALID}`);
    expect((await loadProject(path)).spec.arch).toBe('gru');
  });
});
