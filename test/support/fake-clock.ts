import type { Clock } from '../../src/domain/ports.js';

/** A Clock that only moves when told to: for reminders, escalations, expiries and retention. */
export class FakeClock implements Clock {
  private current: Date;

  constructor(start: Date | string = '2025-03-03T09:00:00.000Z') {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at);
  }

  advanceHours(hours: number): void {
    this.current = new Date(this.current.getTime() + hours * 60 * 60 * 1000);
  }

  advanceDays(days: number): void {
    this.advanceHours(days * 24);
  }
}
