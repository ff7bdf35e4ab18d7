/**
 * Things a message names, found as typed: the systems the trust itself names (its authorisers for
 * system access: "Arbor (MIS)" with aliases "Arbor", "MIS"; the list comes from the trust file, so
 * it changes per deployment and is passed in by the composition root), and devices by the
 * lexicon, with the brand or kind typed before them ("bluetooth speaker", "Samsung phone").
 */
import { DETERMINERS, DEVICE_WORDS, expandShorthand, findPhrase, FUNCTION_WORDS, GENERIC_NOUNS, GONE_WORDS, LOST_WORDS, STOLEN_WORDS, tokenize, type Token } from './field-lexicon.js';

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

/** The first of the trust's systems the message names (the longest name where two start together). */
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
  return found;
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

/**
 * The first device the lexicon knows in the message, singular or plural ("data loggers"), as
 * typed. The word just before it is part of it ("bluetooth speaker", "Samsung phone") unless the
 * corpus shows that word outside a device (`outside`: "my", "own", "work", "school"), or it says
 * something else (a function word, a kind of thing, loss or theft, a number, a date).
 */
export function findDevice(
  text: string,
  outside: ReadonlySet<string>,
  isTaken: (t: Token) => boolean,
  isVerb: (word: string) => boolean = () => false,
): (FoundSpan & { target: boolean }) | undefined {
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
    /^\s+$/.test(text.slice(before.end, found.start));
  const span = modifies ? { value: text.slice(before.start, found.end), start: before.start, end: found.end } : found;
  return { ...span, target: isTarget(tokens, tokens.findIndex((t) => t.start === span.start), outside) };
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

/** Whether the word at `index` follows "to", "into" or "onto", through "the", "my" and an owner word ("into the classroom pc"). */
function isTarget(tokens: readonly Token[], index: number, outside: ReadonlySet<string>): boolean {
  let i = index - 1;
  if (i >= 0 && outside.has(tokens[i].lower) && !TARGET_WORDS.has(tokens[i].lower)) i--;
  while (i >= 0 && DETERMINERS.has(tokens[i].lower)) i--;
  return i >= 0 && TARGET_WORDS.has(tokens[i].lower);
}
