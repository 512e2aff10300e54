// readJsonFile: a JSON input file that is empty or does not parse is one line naming the file and V8's reason,
// without the file text V8 echoes (which may hold newlines).
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonErrorReason, readJsonFile } from '../../src-main/cli/io';
import { scratchFolder } from './cli-helpers';

const scratch = scratchFolder();

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('readJsonFile', () => {
  it('gives the reason without the echoed text, on one line', () => {
    const path = scratch.file('garbage.json');
    writeFileSync(path, 'garbage\nmore lines\n');
    const message = messageOf(() => readJsonFile(path));
    expect(message).toBe(`${path}: expected JSON, found text that does not parse (Unexpected token 'g')`);
  });

  it('says a file of only whitespace is empty', () => {
    const path = scratch.file('empty.json');
    writeFileSync(path, ' \n');
    expect(messageOf(() => readJsonFile(path))).toBe(`${path}: expected JSON, found an empty file`);
  });

  it('keeps a reason that echoes no text', () => {
    expect(jsonErrorReason(new SyntaxError('Unexpected end of JSON input'))).toBe('Unexpected end of JSON input');
    const path = scratch.file('cut.json');
    writeFileSync(path, '{"x": [[1, 2');
    expect(messageOf(() => readJsonFile(path))).toMatch(/^.*cut\.json: expected JSON, found text that does not parse \([^\n"]+\)$/);
  });

  it('reads valid JSON as it is', () => {
    const path = scratch.file('ok.json');
    writeFileSync(path, '{"x": [[[1]]]}');
    expect(readJsonFile(path)).toEqual({ x: [[[1]]] });
  });
});
