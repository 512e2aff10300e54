// Reading old files only: run records written before the training loop said why it stopped as a kind
// (RunRecord.stopped) have the English sentence alone (RunRecord.stoppedBecause), and before `changed` existed, the
// English change lines alone. These parse that old text back into kinds and values; new runs never come through
// here (the loop sets `stopped` itself, train/loop.ts).
import type { FieldChange, StopReason } from '../../api/lab-api';

/** The sentences train/loop.ts wrote before it gave the kind (it still writes them, for the CLI). */
const OLD_LOOP_SENTENCES: [RegExp, StopReason['kind']][] = [
  [/^non-finite gradients at step (\d+)$/, 'nonfinite-gradients'],
  [/^the monitor stopped the run at step (\d+)$/, 'monitor'],
  [/^the update at step (\d+) made weights non-finite/, 'nonfinite-weights'],
];

/** An old run record's stop sentence as a kind and its step; any other sentence was a failure's reason. */
export function stopReasonOfOldRecord(stoppedBecause: string | null): StopReason | null {
  if (stoppedBecause === null) return null;
  for (const [pattern, kind] of OLD_LOOP_SENTENCES) {
    const match = pattern.exec(stoppedBecause);
    if (match) return { kind, params: { step: Number(match[1]) } };
  }
  return { kind: 'failed', params: { reason: stoppedBecause } };
}

/** "training.lr: 0.01 -> 0.003" lines of an old run record, as fields with their values (text as written). */
export function parseOldChangeLines(lines: readonly string[]): FieldChange[] {
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
