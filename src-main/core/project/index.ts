// Project files (`*.rnnlab`): create, serialise, parse, load, save (atomic, with `.bak`) and summarise.
// The format is documented for users in docs/project-format.md.
export { newProject } from './create';
export { parseProject } from './parse';
export { serializeProject } from './serialize';
export { loadProject, saveProject, ProjectWriteError } from './store';
export { saveProjectOrRecover, recoveryFolders, recoveryName } from './recovery';
export { formatProjectSummary, projectSummary, type ProjectSummaryInfo } from './summary';
export { migrateDocument, MIGRATIONS, type MigrationTable } from './migrations';
export { MAX_FILE_BYTES, MAX_PARAMETERS, sizeProblem } from './limits';
export { PROJECT_FORMAT, PROJECT_VERSION, type Project } from './types';
