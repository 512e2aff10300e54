// Compile-time proof that the spec option lists the UI offers (api/lab-api.ts) are exactly the core's.
import * as api from '../../api/lab-api';
import * as core from '../spec/types';

type Same<A extends readonly string[], B extends readonly string[]> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;

export const specChoicesAgree: [
  Same<typeof api.ARCHITECTURES, typeof core.ARCHITECTURES>,
  Same<typeof api.NONLINEARITIES, typeof core.NONLINEARITIES>,
  Same<typeof api.OUTPUT_ACTIVATIONS, typeof core.OUTPUT_ACTIVATIONS>,
  Same<typeof api.INIT_SCHEMES, typeof core.INIT_SCHEMES>,
] = [true, true, true, true];
