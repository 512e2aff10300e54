// Split sizes and helpers shared by the generators: how many examples each split gets, drawing examples that
// avoid ones already used (held-out splits), and cutting a series into contiguous, non-overlapping parts.
import { intIn } from './params';

export const MAX_SPLIT_SIZE = 100_000;

/** Schema fields for the number of examples in each split. */
export function splitSizeFields(train: number, validation: number, test: number) {
  return {
    trainSize: intIn('a train split size', 1, MAX_SPLIT_SIZE).default(train),
    validationSize: intIn('a validation split size', 1, MAX_SPLIT_SIZE).default(validation),
    testSize: intIn('a test split size', 1, MAX_SPLIT_SIZE).default(test),
  };
}

/**
 * Draws with `draw` until it returns a key not in `used` (at most `attempts` times); returns the last draw
 * either way. Small languages (Tomita 1 has one positive string per length) cannot always avoid repeats.
 */
export function drawAvoiding<T>(draw: () => T, key: (item: T) => string, used: ReadonlySet<string>, attempts = 20): T {
  let item = draw();
  for (let i = 1; i < attempts && used.has(key(item)); i++) item = draw();
  return item;
}

/** Bounds [start, end) of three contiguous parts of n items: train first, then validation, then test. */
export function contiguousSplits(n: number, validationFraction: number, testFraction: number) {
  const testCount = Math.round(n * testFraction);
  const validationCount = Math.round(n * validationFraction);
  const trainEnd = n - validationCount - testCount;
  return {
    train: [0, trainEnd] as const,
    validation: [trainEnd, trainEnd + validationCount] as const,
    test: [trainEnd + validationCount, n] as const,
  };
}
