// The codes of the core's recent `{ ok: false }` answers, by their English sentence. Stores keep an error as the
// sentence (errors[source] = result.error); ErrorLine looks the sentence up here to word its code in the UI's
// language. The transport (api/index.ts) records every failure it passes on; the map keeps the latest few hundred.
import type { ErrorCode, MessageParams, Result } from '../../../src-main/api/lab-api';

const MAX_REMEMBERED = 300;
const coded = new Map<string, { code: ErrorCode; params: MessageParams }>();

/** Notes a failed answer's code (answers without one, and successes, are ignored). Returns the result unchanged. */
export function rememberFailure<T>(result: Result<T>): Result<T> {
  if (!result.ok && result.code) {
    coded.delete(result.error);
    coded.set(result.error, { code: result.code, params: result.params ?? {} });
    if (coded.size > MAX_REMEMBERED) coded.delete(coded.keys().next().value as string);
  }
  return result;
}

/** The sentence with its code and params when the core gave them, else the sentence alone. */
export function codedError(sentence: string): string | { error: string; code: ErrorCode; params: MessageParams } {
  const known = coded.get(sentence);
  return known ? { error: sentence, ...known } : sentence;
}
