// Errors of the task generators: bad parameters, bad user files (CSV, text). One line each, with line numbers.
import { LabError } from '../errors';

/** Task parameters out of range or inconsistent. */
export class TaskParamsError extends LabError {}
/** A user data file (CSV, text) that cannot be used; the message names the line where that helps. */
export class TaskDataError extends LabError {}
/** An unknown task id or predictions that do not match the split they claim to score. */
export class TaskError extends LabError {}
