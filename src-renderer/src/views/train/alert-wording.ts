// Words an alert and its remedies in the UI's language from kind, rule and numbers (the core's English `message`
// and `label` are the CLI's and are not shown). Pure: `t` and `num` come from vue-i18n and the formatter.
import type { AlertView, RemedyAction } from '../../../../src-main/api/lab-api';

export type Translate = (key: string, params?: Record<string, unknown>) => string;
export type FormatNumber = (value: number) => string;

export function alertTitle(alert: AlertView, t: Translate): string {
  return t(`alerts.kind.${alert.kind}`);
}

export function alertSentence(alert: AlertView, t: Translate, num: FormatNumber): string {
  const params = { step: alert.step, value: num(alert.value), threshold: num(alert.threshold), param: alert.param ?? '' };
  switch (alert.rule) {
    case 'timestep-ratio':
      return t(alert.value === 0 ? 'alerts.message.timestepRatioZero' : 'alerts.message.timestepRatio', params);
    case 'param-norm':
      return t('alerts.message.paramNorm', params);
    case 'max-norm':
      return t('alerts.message.maxNorm', params);
    case 'mean-multiple':
      return t('alerts.message.meanMultiple', params);
    case 'nonfinite':
      return t(alert.value === 0 ? 'alerts.message.nonfiniteNorm' : 'alerts.message.nonfinite', { ...params, value: alert.value });
  }
}

/** What the run did, worded; null for a policy this renderer does not know (then nothing is said). */
export function policySentence(alert: AlertView, t: Translate): string | null {
  return ['warn', 'clip', 'stop', 'skip'].includes(alert.policy) ? t(`alerts.policy.${alert.policy}`) : null;
}

export function remedyLabel(action: RemedyAction, t: Translate, num: FormatNumber): string {
  switch (action.kind) {
    case 'enable-clipping':
      return t('alerts.remedy.enableClipping', { maxNorm: num(action.maxNorm) });
    case 'reinit-recurrent':
      return t(action.scheme === 'identity' ? 'alerts.remedy.reinitIdentity' : 'alerts.remedy.reinitOrthogonal');
    case 'relu-identity':
      return t('alerts.remedy.reluIdentity');
    case 'lower-lr':
      return t('alerts.remedy.lowerLr', { factor: num(action.factor) });
    case 'switch-arch':
      return t(action.arch === 'lstm' ? 'alerts.remedy.switchLstm' : 'alerts.remedy.switchGru');
  }
}
