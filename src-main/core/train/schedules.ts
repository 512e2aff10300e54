// Learning-rate schedules as pure functions of the step count, with the values of PyTorch's schedulers
// (StepLR, ExponentialLR, CosineAnnealingLR, and LinearLR warmup chained by SequentialLR). Not a stateful scheduler:
// resuming a run needs only the step count.

export type Schedule =
  | { kind: 'constant' }
  | { kind: 'step'; step_size: number; gamma: number }
  | { kind: 'exponential'; gamma: number }
  | { kind: 'cosine'; t_max: number; eta_min: number };

export interface Warmup {
  /** Steps of linear warmup; the main schedule starts (at its own step 0) after them. */
  steps: number;
  /** The warmup's first lr is base_lr * start_factor; it rises linearly towards base_lr. */
  start_factor: number;
}

export type ScheduleSettings = Schedule & { warmup?: Warmup | null };

/**
 * The learning rate of optimiser step `step` (0-based: the number of scheduler steps taken before it), as
 * `optimizer.param_groups[0]['lr']` reads before torch's `scheduler.step()` call number `step + 1`.
 * With warmup, steps 0..W-1 give base * (s + (1 - s) * step / W) (LinearLR) and step W + k gives the main
 * schedule's step k (SequentialLR with milestone W).
 */
export function lrAt(baseLr: number, settings: ScheduleSettings, step: number): number {
  if (!Number.isInteger(step) || step < 0) throw new RangeError(`expected a step count >= 0, found ${step}`);
  const warmup = settings.warmup;
  if (warmup && warmup.steps > 0) {
    if (step < warmup.steps) return baseLr * (warmup.start_factor + ((1 - warmup.start_factor) * step) / warmup.steps);
    return mainLrAt(baseLr, settings, step - warmup.steps);
  }
  return mainLrAt(baseLr, settings, step);
}

function mainLrAt(baseLr: number, s: Schedule, step: number): number {
  switch (s.kind) {
    case 'constant':
      return baseLr;
    case 'step':
      return baseLr * s.gamma ** Math.floor(step / s.step_size);
    case 'exponential':
      return baseLr * s.gamma ** step;
    case 'cosine':
      // Closed form of CosineAnnealingLR. Like torch, the curve does not stop at t_max: it rises again with
      // period 2 * t_max (SGDR restarts are a different scheduler).
      return s.eta_min + ((baseLr - s.eta_min) * (1 + Math.cos((Math.PI * step) / s.t_max))) / 2;
  }
}

/** A schedule as a function of the step, for a training loop that only asks "what lr now?". */
export function scheduleFunction(baseLr: number, settings: ScheduleSettings): (step: number) => number {
  return (step) => lrAt(baseLr, settings, step);
}
