// Format versions and the migrations between them. A file of version n < current is upgraded in memory by
// MIGRATIONS[n], MIGRATIONS[n + 1], ... before validation; the file on disk keeps its version until saved again.
// To add version 2: bump PROJECT_VERSION in types.ts, add MIGRATIONS[1] (v1 document -> v2 document), adapt
// schema.ts to v2, and keep a v1 file in the tests.
import { PROJECT_VERSION } from './types';

/** A parsed JSON object of some format version. Migrations work on plain JSON, before any validation. */
export type RawDocument = Record<string, unknown>;

/** MIGRATIONS[n] turns a version-n document into a version-(n+1) one (and sets its "version"). */
export type MigrationTable = Readonly<Record<number, (document: RawDocument) => RawDocument>>;

/** Only version 1 exists so far: nothing to migrate. */
export const MIGRATIONS: MigrationTable = {};

/** Oldest version this build can read (there is no migration into it from anything older). */
export const OLDEST_READABLE_VERSION = 1;

/**
 * Upgrades `document` from `fromVersion` to `toVersion` step by step. Returns a one-line problem when a step is
 * missing or does not produce the version it promised (a bug in the table, not in the file).
 */
export function migrateDocument(
  document: RawDocument,
  fromVersion: number,
  toVersion: number = PROJECT_VERSION,
  table: MigrationTable = MIGRATIONS,
): { document: RawDocument } | { problem: string } {
  let current = document;
  for (let version = fromVersion; version < toVersion; version++) {
    const step = table[version];
    if (!step) return { problem: `no migration from format version ${version} to ${version + 1} in this build` };
    current = step(structuredClone(current));
    if (current.version !== version + 1) {
      return { problem: `the migration from format version ${version} produced version ${String(current.version)}` };
    }
  }
  return { document: current };
}
