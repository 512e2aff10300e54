// Why a run stopped, as a kind and numbers (RunRecord.stopped) beside the English sentence the training loop wrote
// (RunRecord.stoppedBecause, the CLI's). The loop's three sentences are matched here; anything else is a failure
// whose English reason travels as a parameter. Also reads the older run records that only have the sentence.
import type { FieldChange, StopReason } from '../../api/lab-api';

const LOOP_REASONS: [RegExp, StopReason['kind']][] = [
  [/^non-finite gradients at step (\d+)$/, 'nonfinite-gradients'],
  [/^the monitor stopped the run at step (\d+)$/, 'monitor'],
  [/^the update at step (\d+) made weights non-finite/, 'nonfinite-weights'],
];

/** The loop's stop sentence (train/loop.ts) as a kind and its step; other sentences are a failure's reason. */
export function stopReason(stoppedBecause: string | null): StopReason | null {
  if (stoppedBecause === null) return null;
  for (const [pattern, kind] of LOOP_REASONS) {
    const match = pattern.exec(stoppedBecause);
    if (match) return { kind, params: { step: Number(match[1]) } };
  }
  return { kind: 'failed', params: { reason: stoppedBecause } };
}

/** "training.lr: 0.01 -> 0.003" lines of an older run record, as fields with their values (text as written). */
export function parseChangeLines(lines: readonly string[]): FieldChange[] {
  return lines.flatMap((line) => {
    const match = /^([^:\s]+): (.*) -> (.*)$/.exec(line);
    return match ? [{ field: match[1], from: readValue(match[2]), to: readValue(match[3]) }] : [];
  });
}

function readValue(text: string): FieldChange['from'] {
  if (text === '(none)' || text === 'null') return null;
  if (text === 'true' || text === 'false') return text === 'true';
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}
