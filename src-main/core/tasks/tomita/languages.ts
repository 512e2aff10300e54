// The seven Tomita (1982) languages over {0,1} as minimal deterministic automata. Strings are read left to
// right from state 0; a string belongs to the language when the automaton ends in an accepting state.
//
// Language 3 follows Tomita's wording, "no odd number of consecutive 0s AFTER an odd number of consecutive 1s":
// the odd run of 0s may come anywhere later, not only immediately (so 1 00 11 0 is rejected). This reading
// rejects Tomita's own negative examples 0111001101 and 11011100110, which the "immediately after" reading
// would accept; Weiss et al. (2018) use it too. See docs/tasks.md.

export interface TomitaLanguage {
  grammar: number;
  /** Short definition shown to users. */
  definition: string;
  /** transitions[state] = [next state on '0', next state on '1']. */
  transitions: readonly (readonly [number, number])[];
  accepting: readonly boolean[];
}

const T = true;
const F = false;

export const TOMITA_LANGUAGES: readonly TomitaLanguage[] = [
  { grammar: 1, definition: '1*', transitions: [[1, 0], [1, 1]], accepting: [T, F] },
  { grammar: 2, definition: '(10)*', transitions: [[2, 1], [0, 2], [2, 2]], accepting: [T, F, F] },
  {
    grammar: 3,
    definition: 'no odd-length run of 0s anywhere after an odd-length run of 1s',
    // 0: no odd 1-run completed yet; 1: inside an odd 1-run; 2: odd 0-run after an odd 1-run;
    // 3: after an odd 1-run, every later 0-run so far even (or inside a later 1-run); 4: dead.
    transitions: [[0, 1], [2, 0], [3, 4], [2, 3], [4, 4]],
    accepting: [T, T, F, T, F],
  },
  {
    grammar: 4,
    definition: 'no 000 substring',
    // State = number of trailing 0s (0..2); 3: dead.
    transitions: [[1, 0], [2, 0], [3, 0], [3, 3]],
    accepting: [T, T, T, F],
  },
  {
    grammar: 5,
    definition: 'an even number of 0s and an even number of 1s',
    // State = 2 * (zeros mod 2) + (ones mod 2).
    transitions: [[2, 1], [3, 0], [0, 3], [1, 2]],
    accepting: [T, F, F, F],
  },
  {
    grammar: 6,
    definition: '(number of 0s - number of 1s) is a multiple of 3',
    // State = (zeros - ones) mod 3.
    transitions: [[1, 2], [2, 0], [0, 1]],
    accepting: [T, F, F],
  },
  {
    grammar: 7,
    definition: '0*1*0*1*',
    transitions: [[0, 1], [2, 1], [2, 3], [4, 3], [4, 4]],
    accepting: [T, T, T, T, F],
  },
];

export function tomitaLanguage(grammar: number): TomitaLanguage {
  const language = TOMITA_LANGUAGES[grammar - 1];
  if (!language) throw new RangeError(`expected a Tomita grammar from 1 to 7, found ${grammar}`);
  return language;
}

/** Whether a string of '0'/'1' belongs to the language. */
export function tomitaAccepts(language: TomitaLanguage, text: string): boolean {
  let state = 0;
  for (const symbol of text) state = language.transitions[state][symbol === '1' ? 1 : 0];
  return language.accepting[state];
}
