/**
 * A message's dates, remembered while it is recognised: the known-words gate reads them for every
 * intent and clause it weighs, and chrono is the slow part.
 */
import { dateSlots, type DateSlots } from './date-slots.js';

/** Messages (and clauses) whose dates are remembered at once. */
const REMEMBERED = 256;

export class RememberedDates {
  private readonly dates = new Map<string, DateSlots>();

  constructor(private readonly timeZone: string) {}

  /** Forgets every message: called as a new message is recognised. */
  clear(): void {
    this.dates.clear();
  }

  /** The dates in the text as of `now` (see date-slots.ts). */
  of(text: string, now: Date): DateSlots {
    const key = `${now.getTime()} ${text}`;
    const hit = this.dates.get(key);
    if (hit) return hit;
    if (this.dates.size >= REMEMBERED) this.dates.clear();
    const found = dateSlots(text, now, this.timeZone);
    this.dates.set(key, found);
    return found;
  }
}
