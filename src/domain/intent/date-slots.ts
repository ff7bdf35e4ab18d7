/**
 * Dates in a message, resolved in the trust's time zone with chrono (en-GB reading, so "3/12" is
 * 3 December). A date that can be read two ways takes the future one, but a day typed without a
 * year never lands about a year ahead: one that passed lately is this year's ("back on 30 nov",
 * typed on 2 December, is a slip, not next November). "until …" sets only the end; a single day
 * with no word of ending is both ends, and is marked `lone`, since it may say when something
 * happens rather than when it ends; "for one lesson" ends today (and says nothing of the start).
 */
import * as chrono from 'chrono-node';
import { ENDS_TODAY, findPhrase, UNTIL_WORDS } from './field-lexicon.js';

/**
 * A year-less day resolved this far ahead is one that passed lately (under two months ago): no
 * request runs for most of a year, so the nearer, past reading is the one meant.
 */
const AHEAD_LIMIT_DAYS = 300;
const DAY_MS = 86_400_000;

const MONTH_ONLY = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/i;

/** ISO calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function isoDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** A parsed day as chrono resolved it forwards, or a year earlier when that put it about a year ahead. */
function dayOf(component: chrono.ParsedComponents, now: Date, timeZone: string): string {
  const date = component.date();
  if (component.isCertain('year') || date.getTime() - now.getTime() <= AHEAD_LIMIT_DAYS * DAY_MS) return isoDay(date, timeZone);
  const earlier = new Date(date);
  earlier.setUTCFullYear(date.getUTCFullYear() - 1);
  return isoDay(earlier, timeZone);
}

/** What {@link dateSlots} finds. */
export interface DateSlots {
  from?: string;
  until?: string;
  /** Set when one day with no word of ending filled both ends. */
  lone?: boolean;
  spans: Array<{ start: number; end: number }>;
}

/** The start and end days a message gives, as ISO dates. */
export function dateSlots(text: string, now: Date, timeZone: string): DateSlots {
  const lower = text.toLowerCase();
  const found = chrono.en.GB.parse(text, { instant: now, timezone: timeZone }, { forwardDate: true }).filter(
    // "may I…", "march" alone: a month name with no day is a word, not a date.
    (r) => !MONTH_ONLY.test(r.text.trim().replace(/[.,]$/, '')),
  );
  const today = isoDay(now, timeZone);
  const short = ENDS_TODAY.map((p) => ({ at: findPhrase(lower, p), p })).filter((x) => x.at >= 0);
  const spans = [...found.map((r) => ({ start: r.index, end: r.index + r.text.length })), ...short.map((x) => ({ start: x.at, end: x.at + x.p.length }))];
  // "for one lesson" says when it ends, not when it starts (the form asks, or starts it today).
  if (found.length === 0) return short.length > 0 ? { until: today, spans } : { spans };
  const first = found[0];
  const start = dayOf(first.start, now, timeZone);
  if (first.end) return { from: start, until: dayOf(first.end, now, timeZone), spans };
  if (found.length > 1) return { from: start, until: dayOf(found[1].start, now, timeZone), spans };
  const before = lower.slice(Math.max(0, first.index - 12), first.index).trim();
  if (UNTIL_WORDS.some((w) => before.endsWith(` ${w}`) || before === w)) return { until: start, spans };
  return { from: start, until: start, lone: true, spans };
}
