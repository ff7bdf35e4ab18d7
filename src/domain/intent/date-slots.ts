/**
 * Dates in a message, resolved in the trust's time zone with chrono (en-GB reading, so "3/12" is
 * 3 December). A date that can be read two ways takes the future one; "until …" sets only the
 * end; a single day is both ends; "for one lesson" ends today (and says nothing of the start).
 */
import * as chrono from 'chrono-node';
import { ENDS_TODAY, findPhrase, UNTIL_WORDS } from './field-lexicon.js';

const MONTH_ONLY = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/i;

/** ISO calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function isoDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The start and end days a message gives, as ISO dates. */
export function dateSlots(text: string, now: Date, timeZone: string): { from?: string; until?: string; spans: Array<{ start: number; end: number }> } {
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
  const start = isoDay(first.start.date(), timeZone);
  if (first.end) return { from: start, until: isoDay(first.end.date(), timeZone), spans };
  if (found.length > 1) return { from: start, until: isoDay(found[1].start.date(), timeZone), spans };
  const before = lower.slice(Math.max(0, first.index - 12), first.index).trim();
  if (UNTIL_WORDS.some((w) => before.endsWith(` ${w}`) || before === w)) return { until: start, spans };
  return { from: start, until: start, spans };
}
