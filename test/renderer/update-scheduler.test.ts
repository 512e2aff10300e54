// The chart redraw scheduler with a fake clock and fake animation frames: one chart per frame, the longest-waiting
// first, a quiet time after each redraw as long as it took, each chart's own interval, a costly chart slowed to the
// budget, hidden charts held back, and flush() drawing at once.
import { describe, expect, it } from 'vitest';
import { CHART_BUDGET, createChartScheduler } from '../../src-renderer/src/charts/update-scheduler';

/** 60 frames a second; `cost` ms pass inside every draw of a chart. */
function fakeFrames() {
  let clock = 0;
  let queued: ((now: number) => void)[] = [];
  let timers: { at: number; cb: () => void }[] = [];
  let framesRun = 0;
  return {
    frames: {
      now: () => clock,
      request: (cb: (now: number) => void) => queued.push(cb),
      later: (cb: () => void, ms: number) => timers.push({ at: clock + ms, cb }),
    },
    /** Runs `n` frames of 16 ms each (timers due by then first); a frame nobody asked for does nothing. */
    run(n: number): void {
      for (let i = 0; i < n; i++) {
        clock = Math.ceil((clock + 1) / 16) * 16;
        const ready = timers.filter((t) => t.at <= clock);
        timers = timers.filter((t) => t.at > clock);
        for (const t of ready) t.cb();
        const due = queued;
        queued = [];
        if (due.length > 0) framesRun++;
        for (const cb of due) cb(clock);
      }
    },
    /** Frames in which a callback ran. */
    framesRun: () => framesRun,
    spend(ms: number): void {
      clock += ms;
    },
  };
}

function chart(fake: ReturnType<typeof fakeFrames>, log: string[], name: string, cost: number, minInterval = 250) {
  return { draw: () => (log.push(name), fake.spend(cost)), minInterval, visible: true };
}

describe('chart update scheduler', () => {
  it('redraws one chart per frame, longest-waiting first, each at most once per its interval', () => {
    const fake = fakeFrames();
    const { scheduleChart } = createChartScheduler(fake.frames);
    const log: string[] = [];
    const jobs = ['a', 'b', 'c'].map((n) => scheduleChart(chart(fake, log, n, 1)));
    for (const j of jobs) j.request();
    fake.run(1);
    expect(log).toEqual(['a']);
    fake.run(5);
    expect(log).toEqual(['a', 'b', 'c']);
    for (const j of jobs) j.request(); // asked again at once: each waits for its 250 ms
    fake.run(10);
    expect(log).toHaveLength(3);
    fake.run(20);
    expect([...log].sort()).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
  });

  it('leaves a quiet time after a redraw as long as it took', () => {
    const fake = fakeFrames();
    const { scheduleChart } = createChartScheduler(fake.frames);
    const log: string[] = [];
    const slow = scheduleChart(chart(fake, log, 'slow', 40));
    const fast = scheduleChart(chart(fake, log, 'fast', 1));
    slow.request();
    fast.request();
    fake.run(1); // slow drawn, 40 ms pass inside the frame
    expect(log).toEqual(['slow']);
    fake.run(1); // the next frame comes 8 ms after the draw ended: still quiet
    expect(log).toEqual(['slow']);
    fake.run(3);
    expect(log).toEqual(['slow', 'fast']);
  });

  it('slows a costly chart down so that all charts stay within the budget', () => {
    const fake = fakeFrames();
    const { scheduleChart } = createChartScheduler(fake.frames);
    const log: string[] = [];
    const costly = scheduleChart(chart(fake, log, 'costly', 30, 100));
    scheduleChart(chart(fake, log, 'idle', 1, 100)); // visible, never asked: counts in the share
    const start = fake.frames.now();
    for (let i = 0; i < 600; i++) {
      costly.request();
      fake.run(1);
    }
    const draws = log.length;
    const elapsed = fake.frames.now() - start;
    // 30 ms per draw, 2 visible charts: one draw per 30 * 2 / budget ms at most.
    expect(draws).toBeLessThanOrEqual(Math.ceil(elapsed / ((30 * 2) / CHART_BUDGET)) + 1);
    expect(draws).toBeGreaterThan(elapsed / ((30 * 2) / CHART_BUDGET) / 2);
  });

  it('waits on a timer between redraws: no frame is asked for while nothing is due', () => {
    const fake = fakeFrames();
    const { scheduleChart } = createChartScheduler(fake.frames);
    const log: string[] = [];
    const job = scheduleChart(chart(fake, log, 'a', 1, 1000));
    job.request();
    fake.run(1);
    job.request(); // due again in 1,000 ms: about 60 frames pass
    const before = fake.framesRun();
    fake.run(70);
    expect(log).toEqual(['a', 'a']);
    expect(fake.framesRun() - before).toBeLessThanOrEqual(3);
  });

  it('holds a hidden chart back until it is visible; flush() draws a pending chart at once; removed charts never draw', () => {
    const fake = fakeFrames();
    const { scheduleChart } = createChartScheduler(fake.frames);
    const log: string[] = [];
    const hidden = scheduleChart({ ...chart(fake, log, 'hidden', 1), visible: false });
    hidden.request();
    fake.run(10);
    expect(log).toEqual([]);
    hidden.setVisible(true);
    fake.run(1);
    expect(log).toEqual(['hidden']);
    const other = scheduleChart(chart(fake, log, 'other', 1));
    other.request();
    other.flush();
    expect(log).toEqual(['hidden', 'other']);
    other.flush(); // nothing pending: no redraw
    const gone = scheduleChart(chart(fake, log, 'gone', 1));
    gone.request();
    gone.remove();
    fake.run(30);
    expect(log).toEqual(['hidden', 'other']);
  });
});
