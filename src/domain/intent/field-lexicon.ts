import lexicon from './field-lexicon.json' with { type: 'json' };

/** A message word: its text as typed and where it sits. */
export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

const { _source: _abbrSource, ...abbreviations } = lexicon.abbreviations;
const ABBREVIATIONS = new Map(Object.entries(abbreviations));

/** Words: letters, digits and the marks that live inside names ("notepad++", "o'neill", "3d", "wi-fi"). */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’+#.\-]*[\p{L}\p{N}+#]|[\p{L}\p{N}]/gu;

/** The words of a message, in order. */
export function tokenize(text: string): Token[] {
  return [...text.matchAll(WORD)].map((m) => ({ text: m[0], lower: m[0].toLowerCase().replace(/’/g, "'"), start: m.index!, end: m.index! + m[0].length }));
}

/** Texting shorthand and what it spells out ("tmw" → "tomorrow"). */
export const SHORTHAND: ReadonlyMap<string, string> = ABBREVIATIONS;

/** The message with texting shorthand spelt out ("nvm" → "never mind"), for the classifier. */
export function expandShorthand(text: string): string {
  return text.replace(WORD, (word) => ABBREVIATIONS.get(word.toLowerCase()) ?? word);
}

export const FUNCTION_WORDS: ReadonlySet<string> = new Set(lexicon.functionWords.words);
export const GENERIC_NOUNS: ReadonlySet<string> = new Set(lexicon.genericNouns.words);
/** Words that say whose a thing is. */
export const POSSESSIVES: ReadonlySet<string> = new Set(['my', 'our', 'your', 'their', 'his', 'her']);
/** Words that introduce a thing without naming it ("the", "my"). */
export const DETERMINERS: ReadonlySet<string> = new Set(['a', 'an', 'the', ...POSSESSIVES, 'some']);
/** The adverb particles of English phrasal verbs ("signed off", "set up"). */
export const PARTICLES: ReadonlySet<string> = new Set(lexicon.particles.words);
export const DEVICE_WORDS: readonly string[] = [...lexicon.devices.words].sort((a, b) => b.length - a.length);
export const STOLEN_WORDS: readonly string[] = lexicon.lostOrStolen.stolen;
export const LOST_WORDS: readonly string[] = lexicon.lostOrStolen.lost;
/** Gone, but neither lost nor stolen for sure ("missing"). */
export const GONE_WORDS: readonly string[] = lexicon.lostOrStolen.gone;
/** Numbers may be typed as digits: "for 1 lesson" is "for one lesson". */
export const ENDS_TODAY: readonly string[] = lexicon.shortOnlyToday.phrases.flatMap((p) => [p, p.replace(/\bone\b/g, '1')]).filter((p, i, all) => all.indexOf(p) === i);
export const UNTIL_WORDS: readonly string[] = [...lexicon.untilWords.words].sort((a, b) => b.length - a.length);
export const FROM_WORDS: readonly string[] = [...lexicon.fromWords.words].sort((a, b) => b.length - a.length);
/** Messaging, social, streaming and webmail services by name ("spotify", "hotmail"), longest first. */
export const SERVICE_WORDS: readonly string[] = [...lexicon.services.words].sort((a, b) => b.length - a.length);
/** Installable programs by name ("audacity"): what a service is told apart from. */
export const INSTALLABLE_WORDS: readonly string[] = lexicon.installable.words;

/** Where a whole-word phrase first occurs in lower-cased text, or -1. */
export function findPhrase(lower: string, phrase: string): number {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');
  return lower.search(re);
}

/** The lexicon's concepts: a device, a named service, a word of loss, a word of theft. */
const CONCEPTS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['device', DEVICE_WORDS],
  ['service', SERVICE_WORDS],
  ['lost', [...LOST_WORDS, ...GONE_WORDS]],
  ['stolen', STOLEN_WORDS],
];

/** The lexicon's concepts a lower-cased message names. */
export function conceptsIn(lower: string): string[] {
  return CONCEPTS.filter(([, words]) => words.some((w) => findPhrase(lower, w) >= 0)).map(([concept]) => concept);
}

/** The words of a concept's entries, lower-cased ("can't find" gives "can't" and "find"). */
export function conceptWords(concept: string): string[] {
  return (CONCEPTS.find(([name]) => name === concept)?.[1] ?? []).flatMap((entry) => tokenize(entry).map((t) => t.lower));
}
