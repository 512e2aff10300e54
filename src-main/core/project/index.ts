// Project files (`*.rnnlab`): create, serialise, parse, load, save (atomic, with `.bak`) and summarise.
// The format is documented for users in docs/project-format.md.
export { newProject } from './create';
export { parseProject } from './parse';
export { serializeProject } from './serialize';
export { loadProject, saveProject } from './store';
export { formatProjectSummary, projectSummary, type ProjectSummaryInfo } from './summary';
export { migrateDocument, MIGRATIONS, type MigrationTable } from './migrations';
export { PROJECT_FORMAT, PROJECT_VERSION, type Project } from './types';
