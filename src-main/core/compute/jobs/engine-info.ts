// Job: which engine the compute process runs models on, and the fallback warning when it is not the one asked for.
import type { EngineInfo } from '../../../api/lab-api';
import type { EngineName } from '../../engine/types';
import { computeEngine } from '../engine';

export async function engineInfoJob(args: { engine?: EngineName }): Promise<EngineInfo> {
  const choice = await computeEngine(args.engine);
  return { name: choice.engine.name, warning: choice.warning };
}
