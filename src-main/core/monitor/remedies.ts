// One-click remedies an alert offers: each a patch the UI merges into the model spec (then re-initialises the
// weights) or into the training settings (train/settings.ts field names). Only remedies that change something for
// this spec are offered (no "switch to LSTM" for an LSTM). Each also carries the machine-readable `action` the
// lab's applyRemedy performs (api/types/training.ts).
import type { RemedyAction } from '../../api/types/training';
import type { ModelSpec } from '../spec/types';
import type { AlertKind } from './rules';

export interface Remedy {
  id: 'reinit-orthogonal' | 'relu-identity' | 'switch-lstm' | 'switch-gru' | 'enable-clipping' | 'lower-lr';
  label: string;
  /** What applying it does (LabApi.applyRemedy). */
  action: RemedyAction;
  /** What the patch applies to: the model spec (deep merge, then new weights) or the training settings. */
  target: 'spec' | 'training';
  patch: Record<string, unknown>;
}

/** Remedies for one alert kind on one spec; `clipNorm` is the suggested clipping threshold (observed norms). */
export function remediesFor(kind: AlertKind, spec: ModelSpec, clipNorm: number): Remedy[] {
  const out: Remedy[] = [];
  // Clipping caps a step that is too large; it cannot enlarge a vanishing gradient, so it is not offered for that.
  if (kind !== 'vanishing') out.push(enableClipping(clipNorm));
  // A smaller step shrinks what an exploding gradient can do to the weights (Pascanu et al. 2013 pair it with clipping).
  if (kind === 'exploding') out.push(lowerLr());
  if (spec.arch !== 'jordan' && !(spec.init.scheme === 'orthogonal' && spec.init.gain === 1 && spec.init.spectral_radius === null)) {
    out.push({
      id: 'reinit-orthogonal',
      label: 'Re-initialise the recurrent weights orthogonally (every singular value 1)',
      action: { kind: 'reinit-recurrent', scheme: 'orthogonal' },
      target: 'spec',
      patch: { init: { scheme: 'orthogonal', gain: 1, spectral_radius: null } },
    });
  }
  const simple = spec.arch === 'rnn' || spec.arch === 'elman';
  // A ReLU network that is not yet an IRNN gets the identity initialisation alone.
  const irnn = spec.nonlinearity === 'relu' && spec.init.scheme === 'identity';
  if (kind === 'vanishing' && simple && !irnn) {
    out.push({
      id: 'relu-identity',
      label: spec.nonlinearity === 'tanh' ? 'Switch tanh to ReLU with identity initialisation (IRNN)' : 'Initialise the recurrent matrix to the identity (IRNN)',
      action: { kind: 'relu-identity' },
      target: 'spec',
      patch: { nonlinearity: 'relu', init: { scheme: 'identity', gain: 1, spectral_radius: null } },
    });
  }
  for (const arch of ['lstm', 'gru'] as const) {
    if (spec.arch === arch) continue;
    out.push({
      id: arch === 'lstm' ? 'switch-lstm' : 'switch-gru',
      label: arch === 'lstm' ? 'Switch to an LSTM (its cell carries gradients additively)' : 'Switch to a GRU (gated, fewer parameters than an LSTM)',
      action: { kind: 'switch-arch', arch },
      target: 'spec',
      // The fields only the simple families may set go back to what an LSTM/GRU accepts.
      patch: { arch, nonlinearity: 'tanh', shortcut: false, learn_h0: false, init: { scheme: 'orthogonal', gain: 1, spectral_radius: null } },
    });
  }
  return out;
}

function enableClipping(clipNorm: number): Remedy {
  return {
    id: 'enable-clipping',
    label: `Enable gradient clipping at norm ${clipNorm}`,
    action: { kind: 'enable-clipping', maxNorm: clipNorm },
    target: 'training',
    patch: { clip: { mode: 'norm', max_norm: clipNorm } },
  };
}

/** The factor the lower-lr remedy multiplies the learning rate by. */
export const LOWER_LR_FACTOR = 0.3;

function lowerLr(): Remedy {
  return {
    id: 'lower-lr',
    label: `Lower the learning rate (x${LOWER_LR_FACTOR})`,
    action: { kind: 'lower-lr', factor: LOWER_LR_FACTOR },
    target: 'training',
    // Not a merge: the new rate depends on the current one (applyRemedy reads it); the patch names the factor.
    patch: { lr_factor: LOWER_LR_FACTOR },
  };
}

/** A clipping threshold from the observed norms: the running mean to 2 significant digits (1 before any data). */
export function suggestedClipNorm(mean: number | null): number {
  if (mean === null || !(mean > 0) || !Number.isFinite(mean)) return 1;
  return Number(mean.toPrecision(2));
}
