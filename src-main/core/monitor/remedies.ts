// One-click remedies an alert offers: each a patch the UI merges into the model spec (then re-initialises the
// weights) or into the training settings (train/settings.ts field names). Only remedies that change something for
// this spec are offered (no "switch to LSTM" for an LSTM).
import type { ModelSpec } from '../spec/types';
import type { AlertKind } from './rules';

export interface Remedy {
  id: 'reinit-orthogonal' | 'relu-identity' | 'switch-lstm' | 'switch-gru' | 'enable-clipping';
  label: string;
  /** What the patch applies to: the model spec (deep merge, then new weights) or the training settings. */
  target: 'spec' | 'training';
  patch: Record<string, unknown>;
}

/** Remedies for one alert kind on one spec; `clipNorm` is the suggested clipping threshold (observed norms). */
export function remediesFor(kind: AlertKind, spec: ModelSpec, clipNorm: number): Remedy[] {
  const out: Remedy[] = [];
  // Clipping caps a step that is too large; it cannot enlarge a vanishing gradient, so it is not offered for that.
  if (kind !== 'vanishing') out.push(enableClipping(clipNorm));
  if (spec.arch !== 'jordan' && !(spec.init.scheme === 'orthogonal' && spec.init.gain === 1 && spec.init.spectral_radius === null)) {
    out.push({
      id: 'reinit-orthogonal',
      label: 'Re-initialise the recurrent weights orthogonally (every singular value 1)',
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
      target: 'spec',
      patch: { nonlinearity: 'relu', init: { scheme: 'identity', gain: 1, spectral_radius: null } },
    });
  }
  for (const arch of ['lstm', 'gru'] as const) {
    if (spec.arch === arch) continue;
    out.push({
      id: arch === 'lstm' ? 'switch-lstm' : 'switch-gru',
      label: arch === 'lstm' ? 'Switch to an LSTM (its cell carries gradients additively)' : 'Switch to a GRU (gated, fewer parameters than an LSTM)',
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
    target: 'training',
    patch: { clip: { mode: 'norm', max_norm: clipNorm } },
  };
}

/** A clipping threshold from the observed norms: the running mean to 2 significant digits (1 before any data). */
export function suggestedClipNorm(mean: number | null): number {
  if (mean === null || !(mean > 0) || !Number.isFinite(mean)) return 1;
  return Number(mean.toPrecision(2));
}
