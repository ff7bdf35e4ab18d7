/**
 * Dates in a message, resolved in the trust's time zone with chrono (en-GB reading, so "3/12" is
 * 3 December), plus a day of the month typed alone ("till the 14th", "Friday 11th"), which chrono
 * does not read: the next such day, this month or next. A date that can be read two ways takes the
 * future one, but a day typed without a year never lands about a year ahead: one that passed lately
 * is this year's ("back on 30 nov", typed on 2 December, is a slip, not next November). "until …"
 * sets only the end, "from …" only the start; a single day with no such word is both ends, and is
 * marked `lone`, since it may say when something happens rather than when it ends; "for one
 * lesson" ends today (and says nothing of the start). A second date before the first is not its end.
 */
import * as chrono from 'chrono-node';
import { ENDS_TODAY, findPhrase, FROM_WORDS, UNTIL_WORDS } from './field-lexicon.js';

/**
 * A year-less day resolved this far ahead is one that passed lately (under two months ago): no
 * request runs for most of a year, so the nearer, past reading is the one meant.
 */
const AHEAD_LIMIT_DAYS = 300;
const DAY_MS = 86_400_000;

/** Words that say a number is a day: "the 14th", "Friday 11th", "till 14th". */
const DAY_LEAD = /(?:^|[^\p{L}])(?:the|on|from|until|till|til|by|to|before|after|since|mon|tues?|wed|thur?s?|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s+$/iu;

/**
 * chrono's en-GB reading plus a day of the month with its ordinal ending and no month: the next
 * such day (this month when it is still to come or today, else next month). Only after a word that
 * makes it a day ("the", a weekday, "until"), so "my 2nd year" stays a number.
 */
const withDayOfMonth = (() => {
  const reader = chrono.en.GB.clone();
  reader.parsers.push({
    pattern: () => /(?<![\p{L}\p{N}])(\d{1,2})(?:st|nd|rd|th)(?![\p{L}\p{N}])/iu,
    extract: (context, match) => {
      if (!DAY_LEAD.test(context.text.slice(Math.max(0, (match.index ?? 0) - 12), match.index))) return null;
      const day = Number(match[1]);
      const ref = context.reference.getDateWithAdjustedTimezone();
      let year = ref.getFullYear();
      let month = ref.getMonth() + 1;
      // The next month that has the day, from this month when it is still to come.
      for (let i = 0; i < 3 && (day < (i === 0 ? ref.getDate() : 1) || day > new Date(year, month, 0).getDate()); i++) {
        month = (month % 12) + 1;
        if (month === 1) year++;
      }
      if (day < 1 || day > new Date(year, month, 0).getDate()) return null;
      return context.createParsingComponents({ day, month, year });
    },
  });
  return reader;
})();

/** A UK school year group ("year 11"), or "the year" alone, which chrono may read as a day. */
const YEAR_GROUP = /^(?:the\s+)?year(?:\s+\d{1,2})?$/i;

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
  let found = withDayOfMonth.parse(text, { instant: now, timezone: timeZone }, { forwardDate: true }).filter(
    // "may I…", "march" alone: a month name with no day is a word, not a date; "the year 11" is a class.
    (r) => !MONTH_ONLY.test(r.text.trim().replace(/[.,]$/, '')) && !YEAR_GROUP.test(r.text.trim()),
  );
  const today = isoDay(now, timeZone);
  const short = ENDS_TODAY.map((p) => ({ at: findPhrase(lower, p), p })).filter((x) => x.at >= 0);
  // A date's span takes in its "until"/"from", so the word is not read as part of a name before it.
  const spans = [...found.map((r) => ({ start: leadOf(lower, r.index)?.start ?? r.index, end: r.index + r.text.length })), ...short.map((x) => ({ start: x.at, end: x.at + x.p.length }))];
  // "for today": a day inside a longer phrase of duration is that phrase's, not a start ("tonight" alone stays a day).
  found = found.filter((r) => !short.some((x) => r.index >= x.at && r.index + r.text.length <= x.at + x.p.length && r.text.length < x.p.length));
  // "for one lesson" says when it ends, not when it starts (the form asks, or starts it today).
  if (found.length === 0) return short.length > 0 ? { until: today, spans } : { spans };
  const first = found[0];
  const start = dayOf(first.start, now, timeZone);
  if (first.end) return { from: start, until: dayOf(first.end, now, timeZone), spans };
  const second = found[1] && dayOf(found[1].start, now, timeZone);
  // ISO days compare as strings; "tomorrow … back the same afternoon" has no later end.
  if (second && second >= start) return { from: start, until: second, spans };
  const lead = leadOf(lower, first.index);
  if (lead?.kind === 'until') return { until: start, spans };
  if (lead?.kind === 'from') return { from: start, spans };
  return { from: start, until: start, lone: true, spans };
}

/**
 * The word of ending or of starting just before a date ("till the 14th", "return them friday": an
 * article or a pronoun between them does not count), and where it starts.
 */
function leadOf(lower: string, index: number): { kind: 'until' | 'from'; start: number } | undefined {
  const from = Math.max(0, index - 20);
  const head = lower.slice(from, index).replace(/(?:^|\s)(?:the|it|them)\s*$/, '').trimEnd();
  for (const [kind, words] of [['until', UNTIL_WORDS], ['from', FROM_WORDS]] as const) {
    for (const w of words) {
      const at = head.length - w.length;
      if (head.endsWith(w) && (at > 0 ? /[^\p{L}\p{N}]/u.test(head[at - 1]) : from === 0)) return { kind, start: from + at };
    }
  }
  return undefined;
}
