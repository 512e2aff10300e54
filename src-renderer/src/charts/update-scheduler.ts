// Spreads chart redraws over animation frames so a busy run never makes one long task: at most one chart is redrawn
// per frame (round robin, the latest option of each wins), a chart waits at least its own interval between redraws,
// and a chart scrolled out of view waits until it is visible again.
export interface ChartJob {
  /** Draws the latest option. */
  draw: () => void;
  /** Minimum milliseconds between two redraws of this chart. */
  minInterval: number;
  visible: boolean;
}

interface Entry extends ChartJob {
  pending: boolean;
  last: number;
}

const entries = new Set<Entry>();
let frame: number | null = null;

function tick(now: number): void {
  frame = null;
  let waiting = false;
  // The entry redrawn longest ago goes first, so every chart gets its turn.
  const ready = [...entries].filter((e) => e.pending && e.visible).sort((a, b) => a.last - b.last);
  const due = ready.find((e) => now - e.last >= e.minInterval);
  if (due) {
    due.pending = false;
    due.last = now;
    due.draw();
  }
  for (const e of entries) if (e.pending && e.visible) waiting = true;
  if (waiting) frame = requestAnimationFrame(tick);
}

function wake(): void {
  if (frame === null) frame = requestAnimationFrame(tick);
}

/** Registers a chart; `request()` asks for a redraw, `setVisible` follows an IntersectionObserver, `remove` on unmount. */
export function scheduleChart(job: ChartJob) {
  const entry: Entry = { ...job, pending: false, last: -Infinity };
  entries.add(entry);
  return {
    request(): void {
      entry.pending = true;
      wake();
    },
    setVisible(visible: boolean): void {
      entry.visible = visible;
      if (visible && entry.pending) wake();
    },
    /** Draws now if a redraw is pending (before a PNG is taken). */
    flush(): void {
      if (!entry.pending) return;
      entry.pending = false;
      entry.last = performance.now();
      entry.draw();
    },
    remove(): void {
      entries.delete(entry);
    },
  };
}
