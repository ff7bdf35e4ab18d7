/**
 * Slots whose values are names nobody can list in advance (software, systems, unusual devices):
 * learned from the corpus as the words that come just before and just after a marked value
 * ("install [Zoom] on", "access to [CPOMS]"). A span is taken only where both sides were seen.
 */
import { DETERMINERS, DEVICE_WORDS, FROM_WORDS, FUNCTION_WORDS, GENERIC_NOUNS, PARTICLES, POSSESSIVES, SHORTHAND, tokenize, UNTIL_WORDS, type Token } from './field-lexicon.js';
import { LOSS_WORDS } from './name-slots.js';
import { parseUtterance, type IntentExamples } from './training-corpus.js';

const END = '<end>';
const START = '<start>';

const MAX_SPAN = 4;

/** For each slot, the words seen on the left and on the right of its values. */
export interface SpanContexts {
  [slot: string]: { left: Set<string>; right: Set<string> };
}

/** Learns the contexts of every marked slot in the corpus. */
export function learnSpanContexts(corpus: readonly IntentExamples[]): SpanContexts {
  const contexts: SpanContexts = {};
  for (const entry of corpus) {
    for (const utterance of entry.utterances) {
      const { text, marks } = parseUtterance(utterance);
      const tokens = tokenize(text);
      for (const mark of marks) {
        const first = tokens.findIndex((t) => t.start >= mark.start);
        let last = tokens.findIndex((t) => t.end >= mark.end);
        if (first < 0 || last < first) continue;
        let from = first;
        while (from <= last && DETERMINERS.has(tokens[from].lower)) from++;
        const c = (contexts[mark.slot] ??= { left: new Set(), right: new Set() });
        for (const word of leftWords(tokens, from)) c.left.add(word);
        c.right.add(tokens[last + 1]?.lower ?? END);
      }
    }
  }
  return contexts;
}

/**
 * The word before a span, and the word before its determiner ("borrow my [SIMS]": "my" and
 * "borrow"), and the verb before a phrasal verb's particle ("hook up my [Raspberry Pi]": "hook").
 */
function leftWords(tokens: readonly Token[], index: number): string[] {
  const words = [tokens[index - 1]?.lower ?? START];
  let i = index - 1;
  while (i >= 0 && DETERMINERS.has(tokens[i].lower)) i--;
  if (i !== index - 1) words.push(tokens[i]?.lower ?? START);
  if (i > 0 && PARTICLES.has(tokens[i].lower)) words.push(tokens[i - 1].lower);
  return words;
}

/** A name as typed; all-lower-case names get a capital ("zoom" → "Zoom"). */
function tidy(tokens: readonly Token[], text: string): string {
  const value = text.slice(tokens[0].start, tokens[tokens.length - 1].end);
  return value === value.toLowerCase() ? value.charAt(0).toUpperCase() + value.slice(1) : value;
}

/** A function word, or one contracted with its verb ("I'm", "we've", "it's"). */
function isFunctionWord(t: Token): boolean {
  return FUNCTION_WORDS.has(t.lower) || FUNCTION_WORDS.has(t.lower.replace(/'(?:m|s|re|ve|ll|d|t)$/, ''));
}

/** Prepositions that open a phrase of their own after a name. */
const PREPOSITIONS: ReadonlySet<string> = new Set(['for', 'on', 'onto', 'into', 'in', 'with', 'at', 'from', 'to']);

/** One-word leads of a date's end or start ("until", "from"). */
const DATE_LEADS: ReadonlySet<string> = new Set([...UNTIL_WORDS, ...FROM_WORDS].filter((w) => !/\s/.test(w)));

/** Words after a verb that carry its phrase on: a place or an object of one's own. */
const VERB_GOES_ON: ReadonlySet<string> = new Set(['on', 'onto', 'in', 'into', ...DETERMINERS]);

/** Words of going into something. */
const ENTERING: ReadonlySet<string> = new Set(['into', 'onto']);

/** Context words that say little on their own: an article, or the edge of the message. */
const WEAK = new Set([...DETERMINERS, START, END]);

/**
 * The span of the message that sits between a learned left word and a learned right word for the
 * slot, with at least one side a telling word (not only "my … <end>"), holding no function word and
 * not only generic nouns ("an app"); after a telling left word, a name (`isName`: capitalised, or
 * not an English word) needs no learned right word. With `bothSides` (a device the lexicon lacks)
 * both sides must be telling and the span must read as a name. Both sides telling beats one; then a
 * capitalised name; then the earlier span.
 */
export function findSpan(
  text: string,
  tokens: readonly Token[],
  contexts: SpanContexts,
  slot: string,
  options: { skip?: (t: Token) => boolean; bothSides?: boolean; nameLike?: boolean; isName?: (t: Token, index: number) => boolean; isVerb?: (word: string) => boolean } = {},
): string | undefined {
  const isName = options.isName ?? (() => false);
  const isVerb = options.isVerb ?? (() => false);
  const skip = options.skip ?? (() => false);
  const c = contexts[slot];
  if (!c) return undefined;
  let best: { span: Token[]; rank: number } | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const lefts = leftWords(tokens, i).filter((w) => c.left.has(w));
    if (lefts.length === 0) continue;
    const leftStrong = lefts.some((w) => !WEAK.has(w));
    // A name does not start with a kind of thing ("requests up", "password sharing") nor a verb form ("printing pupil info").
    if (GENERIC_NOUNS.has(tokens[i].lower) || (!DETERMINERS.has(tokens[i - 1]?.lower ?? '') && isVerbForm(tokens, i, isName, true))) continue;
    // Nor an infinitive going on to its object or place ("the supply teacher to go on my teams login").
    if (tokens[i - 1]?.lower === 'to' && tokens[i].text === tokens[i].lower && isVerb(tokens[i].lower) && VERB_GOES_ON.has(tokens[i + 1]?.lower ?? '')) continue;
    // "get into my email": entering something of one's own is entering a system (not "on my behalf", "for my class").
    const owned = options.nameLike === true && POSSESSIVES.has(tokens[i - 1]?.lower ?? '') && ENTERING.has(tokens[i - 2]?.lower ?? '');
    for (let j = i; j < Math.min(tokens.length, i + MAX_SPAN); j++) {
      const t = tokens[j];
      // Nor holds a function word, a word of loss ("lost"), or an English verb form ("scratch putting", "authorising").
      if (isFunctionWord(t) || LOSS_WORDS.has(t.lower) || skip(t) || isVerbForm(tokens, j, isName)) break;
      // Nor a phrasal verb ("Tinkercad set up for DT"); software is never a device ("notability on my school ipad").
      if (j > i && t.text === t.lower && !isName(t, j) && PARTICLES.has(tokens[j + 1]?.lower ?? '')) break;
      if (slot === 'software' && isDeviceWord(t) && t.text === t.lower) break;
      // Nor a kind of thing typed as two words ("log in" for "login", "user name").
      if (j > i && joinsAsKind(tokens, j)) break;
      // Software is not what a device is called by ("the IWB laptop", "the geog laptop trolley").
      if (slot === 'software' && tokens[j + 1] && isDeviceWord(tokens[j + 1]) && tokens[j + 1].text === tokens[j + 1].lower) continue;
      const span = tokens.slice(i, j + 1);
      if (span.every((s) => GENERIC_NOUNS.has(s.lower) || /^\d+$/.test(s.lower))) continue;
      // A date, a verb form or a phrase of a preposition never seen there, right after the name, ends
      // it like the end of the message ("on Arbor next monday", "the shared drive for the english department").
      const next = tokens[j + 1];
      const endsHere = !next || skip(next) || isVerbForm(tokens, j + 1, isName) || (PREPOSITIONS.has(next.lower) && !c.right.has(next.lower));
      // A date's own word of ending or starting still tells where the name ends ("the coursework portal until friday").
      const right = endsHere ? (next && skip(next) && DATE_LEADS.has(next.lower) && c.right.has(next.lower) ? next.lower : END) : joinsAsKind(tokens, j + 1) ? next.lower + tokens[j + 2].lower : next.lower;
      // A name after a telling word ends where the name ends, whatever follows ("use TikTok for …").
      const nameEnds = leftStrong && span.every((s, k) => isName(s, i + k)) && !(next && !skip(next) && isName(next, j + 1)) && !modifiesNoun(text, tokens, j, isName, isVerb);
      if (!c.right.has(right) && !nameEnds && !(owned && j === i)) continue;
      const strong = Number(leftStrong) + Number(!WEAK.has(right) && c.right.has(right));
      if (strong === 0 || (options.bothSides && strong < 2)) continue;
      const named = span.some((s, k) => s.text !== s.lower && (i + k > 0 || s.text.slice(1) !== s.lower.slice(1)));
      const kindAfter = GENERIC_NOUNS.has(right);
      // A system is a proper name, one told by both sides (not just "… access": "temporary access" says how), or see systemLike.
      if (options.nameLike && !named && !(strong === 2 && !kindAfter) && !owned && !systemLike(span, tokens, i, j, isName)) continue;
      // Software is not a kind of machine ("the ict suite machines").
      if (!options.nameLike && !named && GENERIC_NOUNS.has(span[span.length - 1].lower)) continue;
      // A learned word on the right beats a name merely ending ("the SEN shared drive", not "SEN").
      const learnedRight = c.right.has(right);
      const rank = strong * 2 + Number(named) + Number(learnedRight);
      if (!best || rank > best.rank || (rank === best.rank && span.length < best.span.length)) best = { span, rank };
      if (learnedRight) break;
    }
  }
  return best && tidy(withVersion(best.span, tokens, skip), text);
}

/**
 * A system typed in lower case: a word no dictionary knows ("cpoms"), one that ends in its kind
 * ("finance system"), or one that names whose login or account follows a possessive ("my teams
 * login", "the sims account"). An English word before "access" ("temporary access") is how, not what.
 */
function systemLike(span: readonly Token[], tokens: readonly Token[], i: number, j: number, isName: (t: Token, index: number) => boolean): boolean {
  // A code with digits ("y6", "4b") is a class or a room, not a system.
  if (span.every((s, k) => isName(s, i + k) && !/\d/.test(s.lower)) || GENERIC_NOUNS.has(span[span.length - 1].lower)) return true;
  const before = tokens[i - 1]?.lower;
  const after = tokens[j + 1]?.lower;
  return before !== undefined && DETERMINERS.has(before) && after !== undefined && GENERIC_NOUNS.has(after);
}

/**
 * A lower-case English word ending as a verb form does, before a function word or the end
 * ("scratch putting on", "youtube unblocked on"), or a gerund at the start of a span with no
 * article (`first`: "printing pupil info", not "the learning platform"): it says what is done, not
 * what to. Inside a name, before a noun, it is part of it ("the shared drive").
 */
function isVerbForm(tokens: readonly Token[], index: number, isName: (t: Token, index: number) => boolean, first = false): boolean {
  const t = tokens[index];
  if (!t || isName(t, index) || t.text !== t.lower || t.lower.length <= 4 || !(first ? /ing$/ : /(?:ing|ed)$/).test(t.lower)) return false;
  const next = tokens[index + 1];
  return first || !next || FUNCTION_WORDS.has(next.lower) || PARTICLES.has(next.lower);
}

/** A number right after a name, not part of a date, is its version ("Scratch 3", "Office 365"). */
function withVersion(span: Token[], tokens: readonly Token[], skip: (t: Token) => boolean): Token[] {
  const next = tokens[tokens.indexOf(span[span.length - 1]) + 1];
  return next && /^\d+(?:\.\d+)*$/.test(next.text) && !skip(next) ? [...span, next] : span;
}

/**
 * The first name the message writes as a name, wherever it sits: for a request whose thing is
 * always a product ("Would it be possible to have Tinkercad set up", "GeoGebra on my laptop") when
 * the learned contexts found none, or only an English word ("on here"). A name is written with a
 * capital inside it ("GeoGebra") or past the start, or is no English word ("kahoot"); one in
 * capitals only ("DT", "IT") is mostly a subject or a team, so it is taken only when no other is.
 * Never a device, a kind of thing, a function word or a word already taken (a date, a person, a
 * system); the name goes on while its words are names, with its version ("Scratch 3").
 */
export function findName(
  text: string,
  tokens: readonly Token[],
  options: { skip: (t: Token) => boolean; isName: (t: Token, index: number) => boolean; isVerb?: (word: string) => boolean },
): string | undefined {
  const usable = (i: number) => {
    const t = tokens[i];
    return (
      !options.skip(t) &&
      !isFunctionWord(t) &&
      !GENERIC_NOUNS.has(t.lower) &&
      !LOSS_WORDS.has(t.lower) &&
      !(isDeviceWord(t) && t.text === t.lower) &&
      // A code with digits is a class or a room ("y6", "4B"); shorthand ("u") and a letter alone are no names.
      !/\d/.test(t.lower) &&
      t.lower.length > 1 &&
      !SHORTHAND.has(t.lower) &&
      (innerCapital(t) || (options.isName(t, i) && !(t.text === t.lower && (isTypo(t.lower) || englishCompound(t, i)))))
    );
  };
  // "anti-virus", "e-safety": a compound of English words is English, though the whole is in no dictionary.
  const englishCompound = (t: Token, i: number) => /-/.test(t.lower) && t.lower.split('-').every((part) => part.length > 0 && !options.isName({ ...t, text: part, lower: part }, i));
  const capitalsOnly = (t: Token) => t.text === t.text.toUpperCase();
  for (const wanted of [(t: Token) => !capitalsOnly(t), capitalsOnly]) {
    for (let i = 0; i < tokens.length; i++) {
      if (!usable(i) || !wanted(tokens[i])) continue;
      let j = i;
      while (j + 1 < tokens.length && j + 1 < i + MAX_SPAN && usable(j + 1) && /^\s+$/.test(text.slice(tokens[j].end, tokens[j + 1].start))) j++;
      // A subject or a room before the noun it qualifies ("the ICT suite", "my geog lesson") is no product: look past it.
      if (modifiesNoun(text, tokens, j, options.isName, options.isVerb ?? (() => false))) {
        i = j;
        continue;
      }
      return tidy(withVersion(tokens.slice(i, j + 1), tokens, options.skip), text);
    }
  }
  return undefined;
}

/**
 * Whether the name ending at `index` qualifies the common noun right after it ("the ICT suite",
 * "PE dept", "the geog laptop trolley"): an English word in lower case that is no function word,
 * no kind of thing ("Zoom app", "Dojo messaging" name the product) and no verb ("Tinkercad set up").
 */
function modifiesNoun(text: string, tokens: readonly Token[], index: number, isName: (t: Token, index: number) => boolean, isVerb: (word: string) => boolean): boolean {
  const next = tokens[index + 1];
  if (!next || !/^\s+$/.test(text.slice(tokens[index].end, next.start))) return false;
  return next.text === next.lower && /^\p{L}+$/u.test(next.text) && !isName(next, index + 1) && !isFunctionWord(next) && !GENERIC_NOUNS.has(next.lower) && !PARTICLES.has(next.lower) && !LOSS_WORDS.has(next.lower) && !isVerb(next.lower) && !isVerbForm(tokens, index + 1, isName);
}

/** Whether the word at `index` and the next make a kind of thing as one word ("log in": "login"). */
function joinsAsKind(tokens: readonly Token[], index: number): boolean {
  const next = tokens[index + 1];
  return tokens[index] !== undefined && next !== undefined && GENERIC_NOUNS.has(tokens[index].lower + next.lower);
}

/** Whether a value found is only English words typed in lower case (not a name). */
export function isPlainWord(value: string, text: string, tokens: readonly Token[], isName: (t: Token, index: number) => boolean): boolean {
  const at = text.toLowerCase().indexOf(value.toLowerCase());
  const inside = tokens.map((t, i) => ({ t, i })).filter(({ t }) => t.start >= at && t.end <= at + value.length);
  return inside.length > 0 && inside.every(({ t, i }) => t.text === t.lower && !isName(t, i));
}

/** A capital after a small letter inside a word: "GeoGebra", "TikTok", "iPad". */
function innerCapital(t: Token): boolean {
  return /\p{Ll}\p{Lu}/u.test(t.text);
}

/** One word of a device the lexicon knows, or its plural ("ipad", "laptops", "stick" of "usb stick"). */
export function isDeviceWord(t: Token): boolean {
  return DEVICE_TOKENS.has(t.lower) || DEVICE_TOKENS.has(t.lower.replace(/e?s$/, ''));
}

const DEVICE_TOKENS: ReadonlySet<string> = new Set(DEVICE_WORDS.filter((w) => !/\s/.test(w)));

/** Everyday words a typo of which is no name ("softwre", "instal"). */
const EVERYDAY: readonly string[] = [...GENERIC_NOUNS, ...FUNCTION_WORDS].filter((w) => w.length >= 4);

/** A word one letter away (left out, added, changed or two swapped) from an everyday word. */
function isTypo(word: string): boolean {
  return word.length >= 4 && EVERYDAY.some((w) => Math.abs(w.length - word.length) <= 1 && oneEdit(word, w));
}

function oneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rest = (x: string, y: string) => a.slice(x.length ? i + 1 : i) === b.slice(y.length ? i + 1 : i);
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? rest('x', '') : rest('', 'y');
}

/** A name found with the version typed right after it ("Scratch 3", "Fusion 360"), if any. */
export function nameWithVersion(value: string, text: string): string {
  const at = text.toLowerCase().indexOf(value.toLowerCase());
  const version = at < 0 ? null : /^\s+(\d+(?:\.\d+)*)(?![\p{L}\p{N}/])/u.exec(text.slice(at + value.length));
  return version ? `${value} ${version[1]}` : value;
}
