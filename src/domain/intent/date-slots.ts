/**
 * Dates in a message, resolved in the trust's time zone with chrono (en-GB reading, so "3/12" is
 * 3 December), plus a day of the month typed alone ("till the 14th", "Friday 11th"), which chrono
 * does not read: the next such day, this month or next. A date that can be read two ways takes the
 * future one, but a day typed without a year never lands about a year ahead: one that passed lately
 * is this year's ("back on 30 nov", typed on 2 December, is a slip, not next November). "until …"
 * sets only the end, "from …" only the start; a single day with no such word is both ends, and is
 * marked `lone`, since it may say when something happens rather than when it ends; "for one
 * lesson" ends today (and says nothing of the start); "next week" is its school week, Monday to Friday.
 * A second date before the first is not its end.
 */
import * as chrono from 'chrono-node';
import { ENDS_TODAY, findPhrase, FROM_WORDS, SHORTHAND, UNTIL_WORDS } from './field-lexicon.js';

/**
 * A year-less day resolved this far ahead is one that passed lately (under two months ago): no
 * request runs for most of a year, so the nearer, past reading is the one meant.
 */
const AHEAD_LIMIT_DAYS = 300;
const WEEKDAYS: readonly string[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
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
  // Texting shorthand for a day ("tmw", "2moro"): the lexicon's shorthand whose spelt-out words chrono reads as a whole date.
  const days = [...SHORTHAND].filter(([short, full]) => /^[\p{L}\p{N}]+$/u.test(short) && chrono.en.GB.parse(full).some((r) => r.index === 0 && r.text.length === full.length));
  if (days.length > 0) {
    const words = new Map(days);
    // First, so that "2day" is today, not chrono's "2 days".
    reader.parsers.unshift({
      pattern: () => new RegExp(`(?<![\\p{L}\\p{N}])(${days.map(([short]) => short).join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
      extract: (context, match) => {
        const day = chrono.en.GB.parse(words.get(match[1].toLowerCase())!, { instant: context.reference.instant, timezone: context.reference.timezoneOffset ?? undefined })[0]?.start;
        return day ? context.createParsingComponents({ day: day.get('day')!, month: day.get('month')!, year: day.get('year')! }).addTag('casualReference/shorthand') : null;
      },
    });
  }
  // A weekday cut short as people type it ("weds", "tues"), which chrono reads only in some of its forms.
  const cut = WEEKDAYS.flatMap((name) => [...Array(name.length - 3).keys()].map((n) => name.slice(0, n + 3)).flatMap((p) => [p, `${p}s`]).map((short) => [short, name] as const))
    .filter(([short], i, all) => all.findIndex(([s]) => s === short) === i && !WEEKDAYS.includes(short) && chrono.en.GB.parse(short).length === 0);
  if (cut.length > 0) {
    const names = new Map(cut);
    reader.parsers.push({
      pattern: () => new RegExp(`(?<![\\p{L}\\p{N}])(?:(next|this|last)\\s+)?(${cut.map(([short]) => short).join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
      extract: (context, match) => {
        const full = `${match[1] ? `${match[1]} ` : ''}${names.get(match[2].toLowerCase())!}`;
        const day = chrono.en.GB.parse(full, { instant: context.reference.instant, timezone: context.reference.timezoneOffset ?? undefined }, { forwardDate: true })[0]?.start;
        return day ? context.createParsingComponents({ day: day.get('day')!, month: day.get('month')!, year: day.get('year')! }) : null;
      },
    });
  }
  return reader;
})();

/** A UK school year group ("year 11"), or "the year" or "the day" alone, which chrono may read as a day ("the day" as tomorrow). */
const YEAR_GROUP = /^(?:the\s+)?(?:year(?:\s+\d{1,2})?|day)$/i;

const NAMED_WEEK = /^(next|this)\s+week$/i;

/** A word in capitals that chrono reads as a weekday ("SATs", "SAT"): an acronym, not Saturday. */
const ACRONYM = /^\p{Lu}{2,}s?$/u;

/** A phrase of how long ("for the afternoon", "end of the day"), not one naming a time of today ("this afternoon"). */
const DURATION = /^(?:for|end)\b/;

/** Words between a word of coming back and its day ("back in on monday", "back at school on friday"). */
const BACK_GAP = /\s+(?:in|at|into)(?:\s+school)?(?:\s+on)?$/;

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
    (r) => !MONTH_ONLY.test(r.text.trim().replace(/[.,]$/, '')) && !YEAR_GROUP.test(r.text.trim()) && !isBareLength(r, text) && !ACRONYM.test(r.text.trim()),
  );
  const today = isoDay(now, timeZone);
  const short = ENDS_TODAY.map((p) => ({ at: findPhrase(lower, p), p })).filter((x) => x.at >= 0);
  // A date's span takes in its "until"/"from", so the word is not read as part of a name before it.
  const spans = [...found.map((r) => ({ start: leadOf(lower, r.index)?.start ?? r.index, end: r.index + r.text.length })), ...short.map((x) => ({ start: x.at, end: x.at + x.p.length }))];
  // A part of the day says when, but names no day ("Good morning", "the same afternoon").
  found = found.filter((r) => !isPartOfDay(r) || NAMED_WEEK.test(r.text.trim()));
  // "for today": a day inside a longer phrase of duration is that phrase's, not a start ("tonight" alone stays a day).
  found = found.filter((r) => !short.some((x) => r.index >= x.at && r.index + r.text.length <= x.at + x.p.length && r.text.length < x.p.length));
  // "for one lesson" says when it ends, not when it starts (the form asks, or starts it today);
  // "this afternoon" names a time of today, as "today" does: a one-day thing.
  if (found.length === 0 && short.some((x) => !DURATION.test(x.p))) return { from: today, until: today, lone: true, spans };
  if (found.length === 0) return short.length > 0 ? { until: today, spans } : { spans };
  const first = found[0];
  const week = schoolWeek(first.text, now, timeZone);
  // "the residential is next week, back on the 11th": a named week starts on its Monday.
  const start = week && found.length > 1 ? week.from : dayOf(first.start, now, timeZone);
  if (first.end) return { from: start, until: dayOf(first.end, now, timeZone), spans };
  if (week && found.length === 1) {
    const weekLead = leadOf(lower, first.index)?.kind;
    // "back next week": it ends as that week starts; "from next week": it starts then.
    if (weekLead === 'until') return { until: week.from, spans };
    if (weekLead === 'from') return { from: week.from, spans };
    return { ...week, spans };
  }
  // "a week from today": the day a length is counted from is no date of its own.
  if (found[1] && isLength(first, text) && /^\s*from\s*$/i.test(text.slice(first.index + first.text.length, found[1].index))) found = [first, ...found.slice(2)];
  const second = found[1] && dayOf(found[1].start, now, timeZone);
  const lead = leadOf(lower, first.index);
  // ISO days compare as strings; "tomorrow … back the same afternoon" has no later end, and an end
  // said twice ("till monday … use mine till monday") is still only the end.
  if (second && (second > start || (second === start && lead?.kind !== 'until'))) return { from: start, until: second, spans };
  if (lead?.kind === 'until') return { until: start, spans };
  if (lead?.kind === 'from') return { from: start, spans };
  // "for two weeks", "a week from today": a length of time from now says when it ends, not when it starts.
  if (isLength(first, text)) return { until: start, spans };
  // "today", "tomorrow": a day named from today is a one-day thing, so it is its end too; a weekday may say only when it happens.
  const tags = first.tags();
  if (tags.has('casualReference/today') || tags.has('casualReference/tomorrow') || tags.has('casualReference/shorthand')) return { from: start, until: start, spans };
  return { from: start, until: start, lone: true, spans };
}

/**
 * "next week", "this week": the school week it names, Monday (today, for this week) to Friday, where
 * chrono gives one day a week ahead. At a weekend, "this week" is the coming one.
 */
function schoolWeek(phrase: string, now: Date, timeZone: string): { from: string; until: string } | undefined {
  const which = NAMED_WEEK.exec(phrase.trim())?.[1]?.toLowerCase();
  if (!which) return undefined;
  const today = new Date(`${isoDay(now, timeZone)}T12:00:00Z`);
  const weekday = (today.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const weekend = weekday >= 5;
  const monday = new Date(today.getTime() + ((which === 'next' || weekend ? 7 : 0) - weekday) * DAY_MS);
  const from = which === 'this' && !weekend ? today : monday;
  return { from: isoDay(from, 'UTC'), until: isoDay(new Date(monday.getTime() + 4 * DAY_MS), 'UTC') };
}

/**
 * A part of the day with no day named ("Good morning", "in the afternoon"): chrono puts it on the
 * next such part, often tomorrow, but it names no day ("this morning" is read as a phrase of today).
 */
function isPartOfDay(result: chrono.ParsedResult): boolean {
  const c = result.start;
  return !(['day', 'weekday', 'month', 'year', 'hour'] as const).some((k) => c.isCertain(k));
}

/** A length of time with nothing tying it to now ("been here 2 weeks"): no date. */
function isBareLength(result: chrono.ParsedResult, text: string): boolean {
  return result.tags().has('result/relativeDate') && /^(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+\w+$/i.test(result.text) && !isLength(result, text);
}

/** A length of time counted from now ("for a week", "next 3 days", "two weeks from now"), not a named week or month ("next week"). */
function isLength(result: chrono.ParsedResult, text: string): boolean {
  if (!result.tags().has('result/relativeDate') || /^(?:next|last|this|the)\s+(?:week|month|year|term)\b/i.test(result.text)) return false;
  // Counted from now only when it says so: "for …", "next …", "… from now/today"; "been here 2 weeks" is not.
  return /^(?:for|next)\s/i.test(result.text) || /\bfrom\s+(?:now|today)$/i.test(result.text) || /^\s*from\s+(?:now|today)\b/i.test(text.slice(result.index + result.text.length));
}

/**
 * The word of ending or of starting just before a date ("till the 14th", "return them friday": an
 * article or a pronoun between them does not count), and where it starts.
 */
function leadOf(lower: string, index: number): { kind: 'until' | 'from'; start: number } | undefined {
  const from = Math.max(0, index - 20);
  const near = lower.slice(from, index).replace(/(?:^|\s)(?:the|it|them)\s*$/, '').trimEnd();
  // A day after "back in on" is the day of coming back, as after "back".
  const head = /(?:^|\s)(?:back|return(?:ing|ed)?)$/.test(near.replace(BACK_GAP, '')) ? near.replace(BACK_GAP, '') : near;
  for (const [kind, words] of [['until', UNTIL_WORDS], ['from', FROM_WORDS]] as const) {
    for (const w of words) {
      const at = head.length - w.length;
      if (head.endsWith(w) && (at > 0 ? /[^\p{L}\p{N}]/u.test(head[at - 1]) : from === 0)) return { kind, start: from + at };
    }
  }
  return undefined;
}
