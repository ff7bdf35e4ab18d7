/**
 * Slots whose values are names nobody can list in advance (software, systems, unusual devices):
 * learned from the corpus as the words that come just before and just after a marked value
 * ("install [Zoom] on", "access to [CPOMS]"). A span is taken only where both sides were seen.
 */
import { FUNCTION_WORDS, GENERIC_NOUNS, tokenize, type Token } from './field-lexicon.js';
import { parseUtterance, type IntentExamples } from './training-corpus.js';

const END = '<end>';
const START = '<start>';
const DETERMINERS = new Set(['a', 'an', 'the', 'my', 'our', 'your', 'their', 'his', 'her', 'some']);
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

/** The word before a span, and the word before its determiner ("borrow my [SIMS]": "my" and "borrow"). */
function leftWords(tokens: readonly Token[], index: number): string[] {
  const words = [tokens[index - 1]?.lower ?? START];
  let i = index - 1;
  while (i >= 0 && DETERMINERS.has(tokens[i].lower)) i--;
  if (i !== index - 1) words.push(tokens[i]?.lower ?? START);
  return words;
}

/** A name as typed; all-lower-case names get a capital ("zoom" → "Zoom"). */
function tidy(tokens: readonly Token[], text: string): string {
  const value = text.slice(tokens[0].start, tokens[tokens.length - 1].end);
  return value === value.toLowerCase() ? value.charAt(0).toUpperCase() + value.slice(1) : value;
}

/** Context words that say little on their own: an article, or the edge of the message. */
const WEAK = new Set([...DETERMINERS, START, END]);

/**
 * The span of the message that sits between a learned left word and a learned right word for the
 * slot, with at least one side a telling word (not only "my … <end>"), holding no function word and
 * not only generic nouns ("an app"); after a telling left word, a name (`isName`: capitalised, or
 * not an English word) needs no learned right word. Both sides telling beats one; then a capitalised name; then
 * the earlier span.
 */
export function findSpan(
  text: string,
  tokens: readonly Token[],
  contexts: SpanContexts,
  slot: string,
  options: { skip?: (t: Token) => boolean; bothSides?: boolean; nameLike?: boolean; isName?: (t: Token, index: number) => boolean } = {},
): string | undefined {
  const isName = options.isName ?? (() => false);
  const skip = options.skip ?? (() => false);
  const c = contexts[slot];
  if (!c) return undefined;
  let best: { span: Token[]; rank: number } | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const lefts = leftWords(tokens, i).filter((w) => c.left.has(w));
    if (lefts.length === 0) continue;
    const leftStrong = lefts.some((w) => !WEAK.has(w));
    for (let j = i; j < Math.min(tokens.length, i + MAX_SPAN); j++) {
      const t = tokens[j];
      if (FUNCTION_WORDS.has(t.lower) || skip(t)) break;
      const span = tokens.slice(i, j + 1);
      if (span.every((s) => GENERIC_NOUNS.has(s.lower) || /^\d+$/.test(s.lower))) continue;
      // A date right after the name ends it like the end of the message ("on Arbor next monday").
      const next = tokens[j + 1];
      const right = next && !skip(next) ? next.lower : END;
      // A name after a telling word ends where the name ends, whatever follows ("use TikTok for …").
      const nameEnds = leftStrong && span.every((s, k) => isName(s, i + k)) && !(next && !skip(next) && isName(next, j + 1));
      if (!c.right.has(right) && !nameEnds) continue;
      const strong = Number(leftStrong) + Number(!WEAK.has(right) && c.right.has(right));
      if (strong === 0 || (options.bothSides && strong < 2)) continue;
      const named = span.some((s, k) => s.text !== s.lower && (i + k > 0 || s.text.slice(1) !== s.lower.slice(1)));
      // A system is a proper name ("SIMS"), one told by both sides, or ends in its kind ("finance system").
      if (options.nameLike && !named && strong < 2 && !GENERIC_NOUNS.has(span[span.length - 1].lower)) continue;
      // A learned word on the right beats a name merely ending ("the SEN shared drive", not "SEN").
      const learnedRight = c.right.has(right);
      const rank = strong * 2 + Number(named) + Number(learnedRight);
      if (!best || rank > best.rank || (rank === best.rank && span.length < best.span.length)) best = { span, rank };
      if (learnedRight) break;
    }
  }
  return best && tidy(withVersion(best.span, tokens, skip), text);
}

/** A number right after a name, not part of a date, is its version ("Scratch 3", "Office 365"). */
function withVersion(span: Token[], tokens: readonly Token[], skip: (t: Token) => boolean): Token[] {
  const next = tokens[tokens.indexOf(span[span.length - 1]) + 1];
  return next && /^\d+(?:\.\d+)*$/.test(next.text) && !skip(next) ? [...span, next] : span;
}
