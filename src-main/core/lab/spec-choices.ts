// Compile-time proof that the option lists the UI offers (api/lab-api.ts) are exactly the core's: the renderer
// compiles only the api file, so it carries copies; a drift between the two fails to compile here.
import type * as api from '../../api/lab-api';
import type { EngineName } from '../engine/types';
import type * as core from '../spec/types';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;

export const choicesAgree: [
  Same<typeof api.ARCHITECTURES, typeof core.ARCHITECTURES>,
  Same<typeof api.NONLINEARITIES, typeof core.NONLINEARITIES>,
  Same<typeof api.OUTPUT_ACTIVATIONS, typeof core.OUTPUT_ACTIVATIONS>,
  Same<typeof api.INIT_SCHEMES, typeof core.INIT_SCHEMES>,
  Same<api.EngineName, EngineName>,
] = [true, true, true, true, true];
