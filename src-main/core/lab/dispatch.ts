// Calls a LabApi method by name with arguments that arrived from outside (an IPC message, an HTTP body).
// Shared by the Electron IPC router and the web host, so both refuse the same malformed calls the same way.
import { isLabMethod, LAB_METHODS, type LabCoreApi, type Result } from '../../api/lab-api';
import { failure } from './results';

/** No LabApi method takes more than this many arguments; a longer list is not a call our renderer sent. */
const MAX_ARGUMENTS = 4;

export async function callLabMethod(lab: LabCoreApi, method: unknown, args: unknown): Promise<Result<unknown>> {
  if (!isLabMethod(method)) {
    return { ok: false, error: `unknown lab method ${JSON.stringify(method)}: expected one of ${LAB_METHODS.join(', ')}` };
  }
  if (!Array.isArray(args) || args.length > MAX_ARGUMENTS) {
    return { ok: false, error: `${method}: expected a list of at most ${MAX_ARGUMENTS} arguments` };
  }
  try {
    const call = lab[method] as (...values: unknown[]) => Promise<Result<unknown>>;
    return await call.apply(lab, args);
  } catch (error) {
    return failure(error);
  }
}
