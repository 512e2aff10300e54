// zod building blocks for task parameters: whole numbers and reals in a range, with messages that read as
// "expected ... from A to B" so `describeZodError` turns them into one line with the value found.
import { z } from 'zod';

export function intIn(what: string, min: number, max: number) {
  const range = `expected ${what} from ${min} to ${max}`;
  return z
    .number({ error: `expected ${what} as a number` })
    .int({ error: `expected ${what} as a whole number` })
    .min(min, { error: range })
    .max(max, { error: range });
}

export function realIn(what: string, min: number, max: number, { minExclusive = false } = {}) {
  const low = minExclusive ? `above ${min}` : `from ${min}`;
  const message = `expected ${what} ${low} ${minExclusive ? 'and at most' : 'to'} ${max}`;
  // Plain bounds (not a refine), so a form generator can read the range from the schema; zod 4 numbers are finite.
  const base = z.number({ error: `expected ${what} as a number` });
  return (minExclusive ? base.gt(min, { error: message }) : base.min(min, { error: message })).max(max, { error: message });
}

/** A fraction of the data set aside for a split. */
export const fraction = (what: string) => realIn(what, 0, 0.5, { minExclusive: true });

/** Column chosen by header name or by 0-based index. */
export const columnRef = z.union([z.string().min(1), z.number().int().min(0)], {
  error: 'expected a column name or a 0-based column index',
});

/** A cross-field rule: [holds, field, what was expected, the value found]. */
export type Rule = [holds: boolean, field: string, expected: string, found: unknown];

/** The first broken rule as one line, "field: expected ..., found ...", or null when all hold. */
export function firstBrokenRule(rules: readonly Rule[]): string | null {
  const broken = rules.find(([holds]) => !holds);
  return broken ? `${broken[1]}: ${broken[2]}, found ${JSON.stringify(broken[3])}` : null;
}
