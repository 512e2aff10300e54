// Job: LabApi.evaluate's forward pass, in the compute process. The host checks the request against the budget
// (lab/evaluate-budget.ts) before it sends it, so what arrives here is bounded.
import type { EvaluateResult } from '../../../api/lab-api';
import type { EngineName, Model } from '../../engine/types';
import { evaluateModel } from '../../lab/evaluate';
import { computeEngine } from '../engine';

export async function evaluateJob(args: { model: Model; request: unknown; engine?: EngineName }): Promise<EvaluateResult> {
  const { engine } = await computeEngine(args.engine);
  return evaluateModel(engine, args.model, args.request);
}
