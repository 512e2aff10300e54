// The JSON shape of a version-1 `*.rnnlab` document, as zod schemas. The model spec is checked separately by
// parseModelSpec and the weights against paramLayout(spec) (see validate.ts): a schema cannot see those rules.
import { z } from 'zod';

export const MAX_NAME_LENGTH = 200;

export const weightEntrySchema = z.strictObject({
  shape: z.array(
    z.number({ error: 'expected a dimension as a number' }).int({ error: 'expected a whole-number dimension' }).min(0, {
      error: 'expected a dimension >= 0',
    }),
    { error: 'expected a shape as an array of whole numbers' },
  ),
  dtype: z.literal('float32', { error: 'expected "float32"' }),
  data: z.string({ error: 'expected base64 text of little-endian float32 values' }),
});
export type WeightEntry = z.infer<typeof weightEntrySchema>;

export const timestampSchema = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 date and time like 2026-01-31T12:00:00.000Z' });

/** Room for what later issues store; each is an object or null. */
const section = z.record(z.string(), z.unknown(), { error: 'expected an object or null' }).nullable();

export const projectDocumentSchema = z.strictObject({
  format: z.literal('rnnlab-project'),
  version: z.number().int(),
  name: z
    .string({ error: 'expected the project name as text' })
    .min(1, { error: `expected a project name of 1 to ${MAX_NAME_LENGTH} characters` })
    .max(MAX_NAME_LENGTH, { error: `expected a project name of 1 to ${MAX_NAME_LENGTH} characters` }),
  created: timestampSchema,
  modified: timestampSchema,
  /** Checked by parseModelSpec, whose messages are the ones users already know from the CLI. */
  model: z.unknown().refine((v) => v !== undefined, { error: 'expected the model spec (an object)' }),
  weights: z.record(z.string(), weightEntrySchema, { error: 'expected an object of named weights' }),
  task: section,
  training: section,
  history: section,
});
export type ProjectDocument = z.infer<typeof projectDocumentSchema>;
