// Core run data as the contract's plain views: alerts with remedies that act (AlertView, RemedyView), and
// evaluations (EvaluationView). Saved alerts from files written before remedies carried an action get it from
// their id, so an old project's alerts still offer working buttons.
import type { AlertView, EvaluationView, RemedyAction, RemedyView } from '../../api/lab-api';
import type { Alert } from '../monitor/alerts';
import { LOWER_LR_FACTOR, type Remedy } from '../monitor/remedies';
import type { TaskMetrics } from '../tasks/types';

/** What each alert kind's policy is in this run (monitor settings), for the alert's `policy`. */
export type Policies = Record<AlertView['kind'], string>;

export function alertView(alert: Alert, policies: Policies): AlertView {
  return {
    kind: alert.kind,
    rule: alert.rule,
    step: alert.step,
    value: alert.value,
    threshold: alert.threshold,
    param: alert.param,
    message: alert.message,
    policy: policies[alert.kind] ?? 'warn',
    remedies: (alert.remedies ?? []).flatMap((r) => {
      const view = remedyView(r);
      return view ? [view] : [];
    }),
    suppressed: alert.suppressed,
  };
}

function remedyView(remedy: Partial<Remedy>): RemedyView | null {
  const action = remedy.action ?? actionFromId(remedy);
  if (!action || typeof remedy.id !== 'string') return null;
  return { id: remedy.id, action, label: remedy.label ?? remedy.id };
}

/** The action of a remedy saved before remedies carried one (its id and patch say it). */
function actionFromId(remedy: Partial<Remedy>): RemedyAction | null {
  switch (remedy.id) {
    case 'enable-clipping': {
      const clip = (remedy.patch?.clip ?? {}) as { max_norm?: unknown };
      return { kind: 'enable-clipping', maxNorm: typeof clip.max_norm === 'number' ? clip.max_norm : 1 };
    }
    case 'reinit-orthogonal':
      return { kind: 'reinit-recurrent', scheme: 'orthogonal' };
    case 'relu-identity':
      return { kind: 'relu-identity' };
    case 'switch-lstm':
      return { kind: 'switch-arch', arch: 'lstm' };
    case 'switch-gru':
      return { kind: 'switch-arch', arch: 'gru' };
    case 'lower-lr':
      return { kind: 'lower-lr', factor: LOWER_LR_FACTOR };
    default:
      return null;
  }
}

export function evaluationView(step: number, epoch: number, evaluation: { loss: number; metrics: TaskMetrics }): EvaluationView {
  const { metrics } = evaluation;
  return {
    step,
    epoch,
    loss: evaluation.loss,
    metrics: { ...metrics.scalars },
    primary: { ...metrics.primary },
    groups: metrics.groups ? metrics.groups.map((g) => ({ ...g })) : null,
    groupedBy: metrics.groupedBy ?? null,
  };
}
