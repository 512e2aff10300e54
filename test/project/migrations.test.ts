// The migration runner: steps apply in order from the file's version to the build's, and gaps are reported.
// Only version 1 exists, so a fake v1 -> v2 -> v3 table stands in for future format changes.
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrateDocument, parseProject, serializeProject, type MigrationTable } from '../../src-main/core/project/index';
import type { RawDocument } from '../../src-main/core/project/migrations';
import { familyProject } from './helpers';

const V1 = JSON.parse(serializeProject(familyProject('elman'))) as RawDocument;

/** Pretend v2 renamed "model" to "network"; pretend v3 added "notes". */
const FAKE: MigrationTable = {
  1: ({ model, ...rest }) => ({ ...rest, version: 2, network: model }),
  2: (doc) => ({ ...doc, version: 3, notes: `migrated from a file named ${String(doc.name)}` }),
};

describe('migrateDocument', () => {
  it('this build has no migration to run: a v1 document passes through unchanged', () => {
    expect(Object.keys(MIGRATIONS)).toEqual([]);
    const result = migrateDocument(V1, 1);
    expect(result).toEqual({ document: V1 });
    expect(parseProject(JSON.stringify(V1), 'v1.rnnlab').spec).toEqual(V1.model);
  });

  it('applies each step in order, from the file version up to the target', () => {
    const result = migrateDocument(V1, 1, 3, FAKE);
    if (!('document' in result)) throw new Error(result.problem);
    expect(result.document.version).toBe(3);
    expect(result.document.network).toEqual(V1.model);
    expect('model' in result.document).toBe(false);
    expect(result.document.notes).toBe(`migrated from a file named ${String(V1.name)}`);
    expect(result.document.weights).toEqual(V1.weights);
  });

  it('starts from the file version: a v2 document only runs the 2 -> 3 step', () => {
    const v2 = { ...V1, version: 2, network: V1.model };
    const result = migrateDocument(v2, 2, 3, FAKE);
    expect('document' in result && result.document.network).toEqual(V1.model);
    expect('document' in result && result.document.model).toEqual(V1.model); // step 1 did not run
  });

  it('never changes the caller\'s document', () => {
    const before = structuredClone(V1);
    migrateDocument(V1, 1, 3, { 1: (doc) => Object.assign(doc, { version: 2, name: 'changed' }), 2: FAKE[2] });
    expect(V1).toEqual(before);
  });

  it('a missing step or a step that lies about its version is reported, not skipped', () => {
    expect(migrateDocument(V1, 1, 3, { 1: FAKE[1] })).toEqual({ problem: 'no migration from format version 2 to 3 in this build' });
    expect(migrateDocument(V1, 1, 2, { 1: (doc) => doc })).toEqual({ problem: 'the migration from format version 1 produced version 1' });
  });
});
