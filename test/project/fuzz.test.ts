// Fuzz: truncated and bit-flipped project files give ProjectFileError (never another exception), and loading
// never changes the file (same bytes, same mtime, no new files in the folder).
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectFileError } from '../../src-main/core/errors';
import { loadProject, parseProject, serializeProject } from '../../src-main/core/project/index';
import { Random } from '../../src-main/core/random';
import { familyProject, useTempFolder } from './helpers';

const tempFolder = useTempFolder();
const VALID = Buffer.from(serializeProject(familyProject('lstm')), 'utf8');
const CONTENT_END = VALID.toString('utf8').trimEnd().length; // bytes after this are only the final newline

type Outcome = 'loaded' | 'refused';

function parseOutcome(bytes: Uint8Array): Outcome {
  try {
    parseProject(bytes, 'fuzz.rnnlab');
    return 'loaded';
  } catch (error) {
    if (error instanceof ProjectFileError && error.message.startsWith('fuzz.rnnlab: ') && !error.message.includes('\n')) {
      return 'refused';
    }
    throw error; // any other exception fails the test, with its stack
  }
}

/** Writes the bytes with an old mtime, loads them, and checks that the file and folder did not change. */
async function loadOutcome(bytes: Uint8Array): Promise<Outcome> {
  const path = join(tempFolder(), 'fuzz.rnnlab');
  writeFileSync(path, bytes);
  const past = new Date('2025-06-01T00:00:00Z');
  utimesSync(path, past, past);
  const before = statSync(path).mtimeMs;
  let outcome: Outcome;
  try {
    await loadProject(path);
    outcome = 'loaded';
  } catch (error) {
    if (!(error instanceof ProjectFileError)) throw error;
    outcome = 'refused';
  }
  expect(Buffer.compare(readFileSync(path), bytes)).toBe(0);
  expect(statSync(path).mtimeMs).toBe(before);
  expect(readdirSync(tempFolder())).toEqual(['fuzz.rnnlab']);
  return outcome;
}

function flipped(rng: Random): Buffer {
  const copy = Buffer.from(VALID);
  const at = rng.int(0, copy.length - 1);
  copy[at] ^= rng.int(1, 255);
  return copy;
}

describe('fuzz: truncations', () => {
  it('every truncation of the content is refused (in memory, all offsets)', () => {
    for (let end = 0; end < CONTENT_END; end++) expect(parseOutcome(VALID.subarray(0, end)), `cut at ${end}`).toBe('refused');
  });

  it('truncated files on disk are refused and left untouched', async () => {
    const rng = new Random(2024);
    for (let i = 0; i < 60; i++) {
      const end = rng.int(0, CONTENT_END - 1);
      expect(await loadOutcome(VALID.subarray(0, end)), `cut at ${end}`).toBe('refused');
    }
  });
});

describe('fuzz: random byte flips', () => {
  it('every flip is refused with a ProjectFileError or still loads; most are caught (in memory)', () => {
    const rng = new Random(7);
    let refused = 0;
    const trials = 1500;
    for (let i = 0; i < trials; i++) if (parseOutcome(flipped(rng)) === 'refused') refused++;
    // Flips inside base64 data or a name can still make a valid project, but structure and spec flips cannot.
    expect(refused).toBeGreaterThan(trials / 2);
  });

  it('flipped files on disk are never modified by loading', async () => {
    const rng = new Random(99);
    const outcomes = new Set<Outcome>();
    for (let i = 0; i < 80; i++) outcomes.add(await loadOutcome(flipped(rng)));
    expect(outcomes.has('refused')).toBe(true);
  });

  it('the unflipped file loads, so refusals above come from the damage', async () => {
    expect(await loadOutcome(VALID)).toBe('loaded');
  });
});
