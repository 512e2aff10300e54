// The one rule for which initial states each family accepts: every reader of user arrays (io/sequenceInput.ts,
// lab/evaluate.ts) and the engine's own door (engine/reference/validate.ts) ask this function.
import type { Architecture } from './types';

/** Initial-state fields a caller may give, and the gradient seeds that mirror them. */
export type InitialStateField = 'h0' | 'c0' | 'y0' | 'dcN';

/**
 * Null when `arch` accepts `field`, else the one-line reason. h0: every family but Jordan (whose recurrence feeds back
 * the previous output, so its initial state is y0); c0 and dcN: LSTM only; y0: Jordan only.
 */
export function initialStateProblem(field: InitialStateField, arch: Architecture): string | null {
  switch (field) {
    case 'h0':
      return arch === 'jordan' ? 'h0: a jordan network feeds back its previous output, not its hidden state (give y0), found h0' : null;
    case 'c0':
    case 'dcN':
      return arch === 'lstm' ? null : `${field}: only lstm models have a cell state, found ${field} for arch '${arch}'`;
    case 'y0':
      return arch === 'jordan' ? null : `y0: only jordan networks feed back their previous output, found y0 for arch '${arch}'`;
  }
}
