/**
 * Things a message names, found as typed: the systems the trust itself names (its authorisers for
 * system access: "Arbor (MIS)" with aliases "Arbor", "MIS"; the list comes from the trust file, so
 * it changes per deployment and is passed in by the composition root), and devices by the
 * lexicon, with the brand or kind typed before them ("bluetooth speaker", "Samsung phone").
 */
import { DETERMINERS, DEVICE_WORDS, expandShorthand, findPhrase, FUNCTION_WORDS, GENERIC_NOUNS, GONE_WORDS, LOST_WORDS, PARTICLES, STOLEN_WORDS, tokenize, type Token } from './field-lexicon.js';

/** A system the trust names, with the other names staff use for it. */
export interface NamedSystem {
  name: string;
  aliases: readonly string[];
}

/** A value found in the message, as typed, with where it is. */
export interface FoundSpan {
  value: string;
  start: number;
  end: number;
}

/**
 * The first of the trust's systems the message names (the longest name where two start together),
 * as typed but without an article or possessive an alias may carry ("the MIS" is the MIS).
 */
export function findNamedSystem(text: string, systems: readonly NamedSystem[]): FoundSpan | undefined {
  const lower = text.toLowerCase();
  let found: FoundSpan | undefined;
  for (const system of systems) {
    for (const name of [system.name, ...system.aliases]) {
      const at = findPhrase(lower, name.toLowerCase());
      if (at < 0) continue;
      const end = at + name.length;
      if (!found || at < found.start || (at === found.start && end > found.end)) found = { value: text.slice(at, end), start: at, end };
    }
  }
  if (!found) return undefined;
  const words = tokenize(found.value);
  let k = 0;
  while (k < words.length - 1 && DETERMINERS.has(words[k].lower)) k++;
  return k > 0 ? { value: found.value.slice(words[k].start), start: found.start + words[k].start, end: found.end } : found;
}

/** Words of loss and theft: never part of a device's name ("stolen laptop"). */
export const LOSS_WORDS: ReadonlySet<string> = new Set([...LOST_WORDS, ...STOLEN_WORDS, ...GONE_WORDS].flatMap((w) => tokenize(w).map((t) => t.lower)));

/**
 * Whether the message says the thing was stolen or lost, shorthand spelt out ("cant find" is
 * "can't find"). A word that says only that it is gone or where it was left ("missing", "left it
 * on the bus", "can't find") says neither, and the form asks; so does a word of loss or theft the
 * message doubts ("not sure if someone took it", "it might have been stolen"). "Taken" by someone,
 * or taken from a place, is theft ("someone's taken it", "was taken from my car"), not "I took it home".
 */
export function findLossKind(text: string): 'stolen' | 'lost' | undefined {
  const lower = expandShorthand(text).toLowerCase();
  const said = (words: readonly string[]) => words.some((w) => phraseAt(lower, w).some((at) => !doubted(lower, at)));
  if (said(STOLEN_WORDS) || tokenize(lower).some((t, i, all) => TAKE_FORMS.has(t.lower) && isTheft(all, i) && !doubted(lower, t.start))) return 'stolen';
  if (said(LOST_WORDS)) return 'lost';
  return undefined;
}

/** Every place a whole-word phrase occurs. */
function phraseAt(lower: string, phrase: string): number[] {
  const places: number[] = [];
  for (let from = 0, at = findPhrase(lower, phrase); at >= 0; at = findPhrase(lower.slice(from), phrase)) {
    places.push(from + at);
    from += at + phrase.length;
  }
  return places;
}

/** Words that put what follows in doubt ("if", "whether", "maybe"), within its clause. */
const DOUBT = /(?:^|[^\p{L}'])(?:if|whether|maybe|perhaps|possibly|might)(?![\p{L}'])[^.,;!?]*$/u;

function doubted(lower: string, at: number): boolean {
  // The clause the word is in: back to a mark or an "or"/"but" that opens another one.
  const before = lower.slice(0, at).split(/[.,;!?]|\s(?:or|but)\s/).pop() ?? '';
  return DOUBT.test(before);
}

const TAKE_FORMS: ReadonlySet<string> = new Set(['taken', 'took']);
/** Who or what takes in a theft: someone, or a thing that was (or got) taken. */
const TAKER = new Set(['someone', 'somebody', "someone's", "somebody's", 'was', 'were', 'been', 'got', 'get', 'gets', 'getting', 'thieves', 'thief', 'they']);

function isTheft(tokens: readonly Token[], i: number): boolean {
  if (tokens[i + 1]?.lower === 'from' || tokens[i + 1]?.lower === 'out') return !['i', "i've", 'we', "we've"].includes(tokens[i - 1]?.lower ?? '');
  return tokens.slice(Math.max(0, i - 2), i).some((t) => TAKER.has(t.lower));
}

/** What WordNet says of a word's part of speech (either test may be missing). */
export interface WordKinds {
  isVerb?: (word: string) => boolean;
  isAdjective?: (word: string) => boolean;
}

/**
 * The first device the lexicon knows in the message, singular or plural ("data loggers"), as
 * typed. The word just before it is part of it ("bluetooth speaker", "Samsung phone") unless the
 * corpus shows that word outside a device (`outside`: "my", "own", "work", "school"), or it says
 * something else (a function word, a kind of thing, loss or theft, a number, a date, or an
 * adjective that says how it is rather than what it is: "his old MacBook", "URGENT phone").
 */
export function findDevice(
  text: string,
  outside: ReadonlySet<string>,
  isTaken: (t: Token) => boolean,
  words: WordKinds = {},
): (FoundSpan & { target: boolean }) | undefined {
  const isVerb = words.isVerb ?? (() => false);
  const lower = text.toLowerCase();
  const tokens = tokenize(text);
  let found: FoundSpan | undefined;
  for (const word of DEVICE_WORDS) {
    for (const form of [word, `${word}s`, `${word}es`]) {
      const at = findPhrase(lower, form);
      const end = at + form.length;
      if (at >= 0 && (!found || at < found.start || (at === found.start && end > found.end))) found = { value: text.slice(at, end), start: at, end };
    }
  }
  found = found ? withModel(text, tokens, found, isTaken, isVerb) : findModel(text, tokens, outside, isTaken);
  if (!found) return undefined;
  const before = tokens[tokens.findIndex((t) => t.start === found!.start) - 1];
  const modifies =
    before &&
    !outside.has(before.lower) &&
    !FUNCTION_WORDS.has(before.lower) &&
    !GENERIC_NOUNS.has(before.lower) &&
    !LOSS_WORDS.has(before.lower) &&
    !/^\d|'s$/.test(before.lower) &&
    !isTaken(before) &&
    words.isAdjective?.(before.lower) !== true &&
    /^\s+$/.test(text.slice(before.end, found.start));
  const span = modifies ? { value: text.slice(before.start, found.end), start: before.start, end: found.end } : found;
  const at = tokens.findIndex((t) => t.start === span.start);
  if (!isTarget(tokens, at, outside)) return { ...span, target: false };
  // Where the known device is where a thing goes ("connect a Canon DSLR to the art department iMacs"), the thing is the one before.
  return thingBefore(text, tokens, at, outside, isTaken, isVerb) ?? { ...span, target: true };
}

/** Words that make a verb passive or say it is to be done ("be plugged into", "get connected to"). */
const AUXILIARIES: ReadonlySet<string> = new Set(['be', 'been', 'being', 'get', 'got', 'is', 'are', 'was']);

/**
 * The thing named just before "to"/"into" where the device at `index` goes: the words after an
 * article or a verb and up to the preposition, past a passive ("the dofe gps units be plugged
 * into"); a word or three that are no function word, kind of thing, verb or date.
 */
function thingBefore(text: string, tokens: readonly Token[], index: number, outside: ReadonlySet<string>, isTaken: (t: Token) => boolean, isVerb: (word: string) => boolean): (FoundSpan & { target: false }) | undefined {
  let p = index - 1;
  while (p >= 0 && !TARGET_WORDS.has(tokens[p].lower)) p--;
  let end = p - 1;
  while (end >= 0 && (PARTICLES.has(tokens[end].lower) || ((isVerb(tokens[end].lower) || /ed$/.test(tokens[end].lower)) && AUXILIARIES.has(tokens[end - 1]?.lower ?? '')))) end -= PARTICLES.has(tokens[end].lower) ? 1 : 2;
  let start = end;
  const fits = (t: Token) => /^[\p{L}\p{N}-]+$/u.test(t.text) && !FUNCTION_WORDS.has(t.lower) && !GENERIC_NOUNS.has(t.lower) && !outside.has(t.lower) && !LOSS_WORDS.has(t.lower) && !isTaken(t) && !(t.text === t.lower && isVerb(t.lower));
  while (start >= 0 && end - start < 3 && fits(tokens[start])) start--;
  const before = tokens[start];
  // Only a thing that follows an article, a possessive or a verb is one.
  if (start === end || !before || !(DETERMINERS.has(before.lower) || PARTICLES.has(before.lower) || isVerb(before.lower))) return undefined;
  return { value: text.slice(tokens[start + 1].start, tokens[end].end), start: tokens[start + 1].start, end: tokens[end].end, target: false };
}

/** Lexicon device words that also start a longer device ("usb" of "usb stick", "android" of "android phone"): there they say what kind. */
const DEVICE_MODIFIERS: ReadonlySet<string> = new Set(DEVICE_WORDS.filter((w) => DEVICE_WORDS.some((d) => d.startsWith(`${w} `))));

/**
 * A device with what names its model after it: a number ("iphone 15"), a name after a device
 * typed as a name ("Surface Go"), or the noun a kind word says the kind of ("usb mic").
 */
function withModel(text: string, tokens: readonly Token[], found: FoundSpan, isTaken: (t: Token) => boolean, isVerb: (word: string) => boolean): FoundSpan {
  const last = tokens.findIndex((t) => t.end === found.end);
  const next = tokens[last + 1];
  if (last < 0 || !next || isTaken(next) || !/^\s+$/.test(text.slice(found.end, next.start))) return found;
  const named = found.value !== found.value.toLowerCase();
  const plainNoun = /^\p{Ll}+$/u.test(next.text) && !FUNCTION_WORDS.has(next.lower) && !GENERIC_NOUNS.has(next.lower) && !LOSS_WORDS.has(next.lower) && !isVerb(next.lower);
  const extends_ =
    /^\d{1,2}$/.test(next.text) ||
    (named && /^\p{Lu}/u.test(next.text) && !FUNCTION_WORDS.has(next.lower)) ||
    (DEVICE_MODIFIERS.has(found.value.toLowerCase()) && plainNoun);
  return extends_ ? { value: text.slice(found.start, next.end), start: found.start, end: next.end } : found;
}

/** A device the lexicon lacks, named by its model after "my"/"a" and any owner word: a word or two and a number ("my own Pixel 8"). */
function findModel(text: string, tokens: readonly Token[], outside: ReadonlySet<string>, isTaken: (t: Token) => boolean): FoundSpan | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (!DETERMINERS.has(tokens[i].lower)) continue;
    let k = i + 1;
    while (k < tokens.length && outside.has(tokens[k].lower) && !DETERMINERS.has(tokens[k].lower)) k++;
    for (let n = k + 1; n <= k + 2 && n < tokens.length; n++) {
      const words = tokens.slice(k, n);
      const number = tokens[n];
      const fits = words.every((w) => /^\p{L}+$/u.test(w.text) && !FUNCTION_WORDS.has(w.lower) && !GENERIC_NOUNS.has(w.lower) && !isTaken(w) && w.lower !== 'year');
      if (!fits) break;
      if (/^\d{1,2}$/.test(number.text) && !isTaken(number)) return { value: text.slice(words[0].start, number.end), start: words[0].start, end: number.end };
    }
  }
  return undefined;
}

/** Words that put what follows as where a thing goes ("… to the computers"). */
const TARGET_WORDS: ReadonlySet<string> = new Set(['to', 'into', 'onto']);

/** Whether the word at `index` follows "to", "into" or "onto", through "the", "my" and an owner word or two ("into the classroom pc"). */
function isTarget(tokens: readonly Token[], index: number, outside: ReadonlySet<string>): boolean {
  let i = index - 1;
  // Through an owner word or a noun or two that say whose or where ("to the art department iMacs").
  for (let k = 0; k < 2 && i >= 0 && !TARGET_WORDS.has(tokens[i].lower) && !DETERMINERS.has(tokens[i].lower) && (outside.has(tokens[i].lower) || !FUNCTION_WORDS.has(tokens[i].lower)); k++) i--;
  while (i >= 0 && DETERMINERS.has(tokens[i].lower)) i--;
  return i >= 0 && TARGET_WORDS.has(tokens[i].lower);
}
