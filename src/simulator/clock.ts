/** The simulator's clock: an injectable base clock plus an offset moved by `advance()`. */

export class SimClock {
  private offsetMs = 0;

  constructor(private readonly base: () => Date) {}

  /** Simulator time, epoch ms. */
  nowMs(): number {
    return this.base().getTime() + this.offsetMs;
  }

  /** Simulator time as a Date. */
  now(): Date {
    return new Date(this.nowMs());
  }

  /** Moves simulator time forward by `ms` (negative values are rejected). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance() needs a non-negative number of ms');
    this.offsetMs += ms;
  }
}
