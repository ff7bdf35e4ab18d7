/**
 * Whether the thing a message names is a service people use through an account (messaging,
 * social, streaming, webmail: "spotify", "hotmail") rather than a program to install ("audacity").
 * The field lexicon lists the best known of both; a name in neither list is judged by its word
 * vector: the list whose nearest few names are closer in meaning wins. Only the name the message
 * asks about (its software slot, by the corpus's contexts) is judged, so an ordinary word that
 * happens to sit near the services in meaning ("email", "video") is never taken for one.
 */
import type { WordVectorSource } from '../policy/policy-index.js';
import { DETERMINERS, findPhrase, FUNCTION_WORDS, GENERIC_NOUNS, INSTALLABLE_WORDS, SERVICE_WORDS, tokenize, type Token } from './field-lexicon.js';
import { findSpan, type SpanContexts } from './span-slots.js';

/** How many of a list's nearest names are averaged: one alone is too easily a near-homonym. */
const NEAREST = 3;

export type NameKind = 'service' | 'installable';

export class ServiceNames {
  /** Each list's one-word names that have a vector, as unit vectors. */
  private readonly seeds: ReadonlyArray<readonly [NameKind, Float32Array[]]>;

  /**
   * @param isEnglishWord a dictionary's test (WordNet): a lower-case English word ("network") is
   *   no product's name, so only a name written as one or no English word is judged by its vector.
   */
  constructor(
    private readonly contexts: SpanContexts,
    private readonly vectors?: WordVectorSource,
    private readonly isEnglishWord?: (word: string) => boolean,
  ) {
    const withVectors = (words: readonly string[]) => words.filter((w) => !w.includes(' ')).flatMap((w) => vectors?.vector(w) ?? []);
    this.seeds = [
      ['service', withVectors(SERVICE_WORDS)],
      ['installable', withVectors(INSTALLABLE_WORDS)],
    ];
  }

  /**
   * What kind of thing one name is: listed, or nearest in meaning to one list's names; undefined
   * for a name of several words nobody listed, or one the vectors do not know.
   */
  kindOf(name: string): NameKind | undefined {
    const lower = name.toLowerCase();
    if (SERVICE_WORDS.some((w) => findPhrase(lower, w) >= 0)) return 'service';
    if (INSTALLABLE_WORDS.some((w) => findPhrase(lower, w) >= 0)) return 'installable';
    const words = tokenize(lower).filter((t) => !FUNCTION_WORDS.has(t.lower) && !GENERIC_NOUNS.has(t.lower));
    const v = words.length === 1 ? this.vectors?.vector(words[0].lower) : undefined;
    if (!v) return undefined;
    let best: { kind: NameKind; closeness: number } | undefined;
    for (const [kind, seeds] of this.seeds) {
      const closeness = meanOfNearest(v, seeds);
      if (closeness !== undefined && (!best || closeness > best.closeness)) best = { kind, closeness };
    }
    return best?.kind;
  }

  /**
   * The lexicon concepts a message's named thing brings that the text alone does not: "service"
   * when the name it asks about is a service nobody listed. `isName` is the recogniser's test of a
   * word that names rather than says.
   */
  conceptsIn(text: string, isName?: (t: Token, index: number) => boolean): string[] {
    const lower = text.toLowerCase();
    if (SERVICE_WORDS.some((w) => findPhrase(lower, w) >= 0)) return [];
    const tokens = tokenize(text);
    const name = findSpan(text, tokens, this.contexts, 'software', { isName });
    if (!name || this.kindOf(name) !== 'service') return [];
    // Only a one-word name reaches here (see kindOf); it must be written as a name or be no English word.
    const at = tokens.findIndex((t) => t.lower === name.toLowerCase());
    const named = at >= 0 && (isName?.(tokens[at], at) === true || this.isEnglishWord?.(tokens[at].lower) === false);
    return named ? ['service'] : [];
  }
}

/**
 * The first product the lexicon lists (a service or an installable program) that the message
 * names, as typed and not already taken: a listed name is software wherever it sits ("PE dept want
 * to start an instagram", "the whatsapp group i asked for"), before any word merely written as a name;
 * `found`, the name the corpus's contexts found, when it holds the listed one ("facebook live").
 */
export function findListedName(text: string, skip: (t: Token) => boolean, found?: string): string | undefined {
  const lower = text.toLowerCase();
  const tokens = tokenize(text);
  let best: { start: number; end: number } | undefined;
  for (const name of [...SERVICE_WORDS, ...INSTALLABLE_WORDS]) {
    const at = findPhrase(lower, name);
    if (at < 0 || tokens.some((t) => t.start >= at && t.end <= at + name.length && skip(t))) continue;
    if (!best || at < best.start || (at === best.start && at + name.length > best.end)) best = { start: at, end: at + name.length };
  }
  if (!best) return undefined;
  // The name found by its contexts when it holds the listed one ("facebook live").
  if (found && findPhrase(found.toLowerCase(), text.slice(best.start, best.end).toLowerCase()) >= 0) return found;
  const value = text.slice(best.start, best.end);
  return value === value.toLowerCase() ? value.charAt(0).toUpperCase() + value.slice(1) : value;
}

/** The mean cosine of a unit vector to its few nearest seeds. */
function meanOfNearest(v: Float32Array, seeds: readonly Float32Array[]): number | undefined {
  if (seeds.length === 0) return undefined;
  const similarities = seeds.map((s) => {
    let dot = 0;
    for (let d = 0; d < v.length; d++) dot += v[d] * s[d];
    return dot;
  });
  const nearest = similarities.sort((a, b) => b - a).slice(0, NEAREST);
  return nearest.reduce((a, b) => a + b, 0) / nearest.length;
}

/**
 * A product the lexicon lists beats a name it does not ("fusion 360 putting on the CAD suite … their
 * NEA"), unless that name holds it; not one after an article, which is the English word ("the publisher sent a disc").
 */
export function listedFirst(text: string, tokens: readonly Token[], isTaken: (t: Token) => boolean, value: string): string {
  const listed = findListedName(text, isTaken, value);
  const at = listed ? tokens.findIndex((t) => t.lower === tokenize(listed)[0].lower) : -1;
  return listed && !DETERMINERS.has(tokens[at - 1]?.lower ?? '') ? listed : value;
}
