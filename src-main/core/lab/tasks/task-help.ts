// Help text for every parameter of every built-in task: one sentence a student can act on, shown under the form
// field. Parameters shared by many tasks (split sizes, windows) are worded once; a test checks every field has one.

const SPLITS: Record<string, string> = {
  trainSize: 'How many examples the network trains on.',
  validationSize: 'How many held-out examples are scored during training to watch for overfitting.',
  testSize: 'How many examples are kept for the final score on harder cases (longer strings, larger n or later data).',
};

const WINDOWS: Record<string, string> = {
  window: 'How many consecutive time steps the network reads in one training example.',
  horizon: 'How many steps ahead the network predicts: 1 forecasts the next value.',
  stride: 'How many steps the window moves between two examples; smaller gives more, overlapping examples.',
  validationFraction: 'The share of the series, just after the training part, used for validation.',
  testFraction: 'The share at the end of the series kept as the unseen future for the final score.',
  normalize: 'Rescale every column to mean 0 and deviation 1 using the training rows, which helps tanh units.',
};

export const TASK_HELP: Record<string, Record<string, string>> = {
  tomita: {
    grammar: 'Which of the seven Tomita regular languages over 0 and 1 the network learns to accept (4: no "000").',
    trainMinLength: 'The shortest training string.',
    trainMaxLength: 'The longest training string; the test split uses longer strings to check generalisation.',
    testMinLength: 'The shortest test string; above the longest training string, the test measures extrapolation.',
    testMaxLength: 'The longest test string.',
    positiveFraction: 'The share of accepted strings in each split (0.5 balances accepted and rejected).',
    ...SPLITS,
  },
  anbn: {
    trainMinN: 'The smallest n of the a^n b^n strings the network trains on.',
    trainMaxN: 'The largest n in training; the test goes beyond it to see whether the network learned to count.',
    testMaxN: 'The largest n in the test split.',
    trainSize: SPLITS.trainSize,
  },
  anbncn: {
    trainMinN: 'The smallest n of the a^n b^n c^n strings the network trains on.',
    trainMaxN: 'The largest n in training; the test goes beyond it to see whether the network learned to count.',
    testMaxN: 'The largest n in the test split.',
    trainSize: SPLITS.trainSize,
  },
  reber: {
    embedded: 'Use the embedded Reber grammar, whose second symbol must be remembered until the end of the string.',
    maxLength: 'Strings longer than this are not generated.',
    ...SPLITS,
  },
  adding: {
    length: 'The sequence length T: how far apart the two marked numbers can be; longer is harder.',
    testLength: 'A different length for the test split (empty: the same T), to test longer memory.',
    ...SPLITS,
  },
  'temporal-xor': {
    length: 'How many bits each sequence holds; every third bit is the XOR of the two before it.',
    lossOnDeterministicOnly: 'Score only the predictable bits (every third one) instead of every step.',
    ...SPLITS,
  },
  sine: {
    frequencies: 'Frequencies of the summed sine waves, in cycles per step (below 0.5).',
    amplitudes: 'The amplitude of each sine wave, one per frequency.',
    noise: 'Standard deviation of the Gaussian noise added to every point (0: none).',
    length: 'How many points the whole series has.',
    ...WINDOWS,
  },
  'mackey-glass': {
    tau: 'The delay tau of the Mackey-Glass equation; above about 17 the series is chaotic.',
    beta: 'The production rate beta of the equation.',
    gamma: 'The decay rate gamma of the equation.',
    exponent: 'The exponent n of the equation\'s nonlinearity.',
    dt: 'The integration step; smaller is more accurate and slower.',
    x0: 'The initial value of the series.',
    transient: 'Time discarded at the start so the series has settled on its attractor.',
    sampleInterval: 'Time between two kept points of the series.',
    length: 'How many points the whole series has.',
    ...WINDOWS,
  },
  csv: {
    delimiter: 'The character between fields: a comma, a semicolon or a tab.',
    header: 'Whether the first row holds the column names.',
    targets: 'The columns the network predicts.',
    features: 'The columns the network reads (empty: every column that is not a target).',
    targetMode: 'Predict at every step of the window, or only at its last step.',
    ...WINDOWS,
  },
  text: {
    window: 'How many characters the network reads in one example, predicting the next one at every step.',
    stride: 'Characters between the starts of two examples (empty: the window length, no overlap).',
    maxAlphabet: 'The most distinct characters accepted; a text with more is refused.',
    validationFraction: 'The share of the text, after the training part, used for validation.',
    testFraction: 'The share at the end of the text kept unseen for the final score.',
  },
  cloze: {
    symbols: 'How many different letters the sequences use.',
    length: 'How many symbols each sequence has.',
    offset: 'The answer is the symbol this many positions after the blank, so the network must look ahead.',
    ...SPLITS,
  },
};

/** Parameters a form never shows: data the user sends as file contents (SetTaskRequest.data), never as a path. */
export const DATA_PARAMS: Record<string, string[]> = { csv: ['file', 'csv'], text: ['file', 'text'] };
