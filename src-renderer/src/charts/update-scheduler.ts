// Spreads chart redraws over animation frames so a busy run never makes one long task and leaves the main thread
// mostly free: at most one chart is redrawn per frame (the one redrawn longest ago first, the latest option of each
// wins), after a redraw the next waits as long as that one took, and every chart waits between its redraws at least
// its own interval and long enough that all charts together use at most CHART_BUDGET of the main thread (measured:
// a chart whose redraws cost more on a loaded machine redraws less often). A chart scrolled out of view waits until
// it is visible again. Between redraws it waits on a timer, not on animation frames, so an idle page produces no
// frames. Pure timing logic with injectable frames, timers and clock (tested in Node).
export interface ChartJob {
  /** Draws the latest option, synchronously (the chart renders inside this call, so its cost is measured). */
  draw: () => void;
  /** Minimum milliseconds between two redraws of this chart. */
  minInterval: number;
  visible: boolean;
}

export interface Frames {
  now: () => number;
  request: (callback: (now: number) => void) => unknown;
  /** Calls back after `ms` milliseconds (a timer). */
  later: (callback: () => void, ms: number) => unknown;
}

/** A frame's length: a redraw due sooner than this waits for the next frame, not for a timer. */
const FRAME_MS = 16;

/** Share of the main thread all charts together may take while a run streams in. */
export const CHART_BUDGET = 0.25;

interface Entry extends ChartJob {
  pending: boolean;
  last: number;
  /** Recent redraw cost in ms (exponential average); 0 before the first redraw. */
  cost: number;
}

/**
 * Calls back in a task of its own posted at the next animation frame, not inside the frame: a frame's task also
 * recalculates style, lays out, paints and commits the page (2-5 ms while a run streams in), and a redraw inside it
 * made the frame's task that much longer. Still one redraw per frame, and none while the page is hidden (no frames).
 */
function afterNextFrame(): (callback: (now: number) => void) => void {
  const waiting: ((now: number) => void)[] = [];
  let channel: MessageChannel | null = null;
  return (callback) => {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.(performance.now());
    }
    const port = channel.port2;
    waiting.push(callback);
    requestAnimationFrame(() => port.postMessage(null));
  };
}

const browserFrames: Frames = {
  now: () => performance.now(),
  request: afterNextFrame(),
  later: (callback, ms) => setTimeout(callback, ms),
};

export function createChartScheduler(frames: Frames = browserFrames) {
  const entries = new Set<Entry>();
  let scheduled = false;
  /** Bumped whenever a frame is requested: a timer set before that is stale. */
  let timerToken = 0;
  /** No redraw starts before this time: the previous one's cost, given back to everything else. */
  let quietUntil = -Infinity;

  /** Milliseconds a chart waits between redraws: its own minimum, or longer when its redraws are costly. */
  function interval(entry: Entry, visibleCount: number): number {
    return Math.max(entry.minInterval, (entry.cost * visibleCount) / CHART_BUDGET);
  }

  function draw(entry: Entry): void {
    entry.pending = false;
    const start = frames.now();
    entry.last = start;
    entry.draw();
    const end = frames.now();
    const cost = end - start;
    entry.cost = entry.cost === 0 ? cost : 0.7 * entry.cost + 0.3 * cost;
    quietUntil = end + cost;
  }

  function tick(now: number): void {
    scheduled = false;
    const visible = [...entries].filter((e) => e.visible);
    if (now >= quietUntil) {
      const due = visible
        .filter((e) => e.pending && now - e.last >= interval(e, visible.length))
        .sort((a, b) => a.last - b.last)[0];
      if (due) draw(due);
    }
    // The next redraw: in the next frame when it is due by then, else a timer wakes the loop shortly before it.
    let wait = Infinity;
    const at = frames.now();
    for (const e of visible) {
      if (e.pending) wait = Math.min(wait, Math.max(e.last + interval(e, visible.length), quietUntil) - at);
    }
    if (wait <= FRAME_MS) wake();
    else if (wait < Infinity) {
      const token = timerToken;
      frames.later(() => token === timerToken && wake(), wait - FRAME_MS / 2);
    }
  }

  function wake(): void {
    if (scheduled) return;
    scheduled = true;
    timerToken++;
    frames.request(tick);
  }

  /** Registers a chart; `request()` asks for a redraw, `setVisible` follows an IntersectionObserver, `remove` on unmount. */
  function scheduleChart(job: ChartJob) {
    const entry: Entry = { ...job, pending: false, last: -Infinity, cost: 0 };
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
      /** Draws now if a redraw is pending (before a CSV or PNG is taken). */
      flush(): void {
        if (entry.pending) draw(entry);
      },
      remove(): void {
        entries.delete(entry);
      },
    };
  }

  return { scheduleChart };
}

/** The page's scheduler: every chart of the Train page shares it. */
export const { scheduleChart } = createChartScheduler();
