// Uniform sampling of strings of a given length and label from an automaton: count, for every state and every
// remaining length, how many completions end accepted; then choose each symbol with probability proportional
// to the completions it keeps open. Exact for lengths up to ~50 (counts stay below 2^53).
import type { Random } from '../../random';
import type { TomitaLanguage } from './languages';

export class LabelledStringSampler {
  /** acceptedCompletions[k][state]: strings of length k that, read from `state`, end accepted. */
  private readonly acceptedCompletions: number[][] = [];

  constructor(
    private readonly language: TomitaLanguage,
    maxLength: number,
  ) {
    const states = language.transitions.length;
    this.acceptedCompletions.push(language.accepting.map((a) => (a ? 1 : 0)));
    for (let k = 1; k <= maxLength; k++) {
      const shorter = this.acceptedCompletions[k - 1];
      const row: number[] = [];
      for (let s = 0; s < states; s++) row.push(shorter[language.transitions[s][0]] + shorter[language.transitions[s][1]]);
      this.acceptedCompletions.push(row);
    }
  }

  /** Number of strings of `length` (read from the start state) with this label. */
  count(length: number, accepted: boolean): number {
    return this.completions(length, 0, accepted);
  }

  /** A string drawn uniformly among those of `length` with this label; null when there is none. */
  sample(length: number, accepted: boolean, random: Random): string | null {
    if (this.count(length, accepted) === 0) return null;
    let state = 0;
    let text = '';
    for (let remaining = length; remaining > 0; remaining--) {
      const [on0, on1] = this.language.transitions[state];
      const with0 = this.completions(remaining - 1, on0, accepted);
      const with1 = this.completions(remaining - 1, on1, accepted);
      const one = random.next() * (with0 + with1) >= with0;
      text += one ? '1' : '0';
      state = one ? on1 : on0;
    }
    return text;
  }

  private completions(length: number, state: number, accepted: boolean): number {
    const acceptedCount = this.acceptedCompletions[length][state];
    return accepted ? acceptedCount : 2 ** length - acceptedCount;
  }
}
