/**
 * Text helpers shared by ingestion and retrieval: whitespace, tokens, stems, stop words.
 */
import stem from 'wink-porter2-stemmer';

/** Collapses runs of whitespace to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Words that carry no meaning for retrieval; removed from the token sequence entirely. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then than so as of to for from by with within without at into onto ' +
    'is are was were be been being am do does did doing done has have had having ' +
    'i me my mine myself we us our ours you your yours he him his she her hers it its they them their theirs ' +
    'this that these those there here what which who whom whose when where why how ' +
    'can could may might must shall should will would ought ' +
    'not no nor any some all each every such other another more most very just only also too ' +
    'about again further once ever even still yet ok okay please thanks thank hi hello ' +
    'etc eg ie s t d ll m re ve ' +
    'im ive youre youve theyre theres thats whats hows wheres whos lets dont cant wont isnt arent doesnt didnt ' +
    'shouldnt wouldnt couldnt mustnt havent hasnt hadnt wasnt werent shes hes theyve weve whether while through really get gets got getting gonna wanna u ur'
  ).split(' '),
);

/**
 * Short words kept in the token sequence because they make phrasal verbs ("log on", "switch off",
 * "hand back") but never used on their own as a query term.
 */
export const PARTICLES: ReadonlySet<string> = new Set(
  'on off in out up down over back away'.split(' '),
);

const JOINED_PREFIXES = new Set(['e', 'anti', 're', 'co', 'pre', 'multi', 'cyber']);

/** Lower-cased word tokens; curly quotes straightened, possessives dropped, some hyphen compounds joined. */
export function words(text: string): string[] {
  const lower = text
    // "IT" (information technology) would otherwise be the pronoun "it", a stop word.
    .replace(/\bIT\b/g, 'ict')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032`]/g, "'")
    .replace(/(\w)'s\b/g, '$1')
    .replace(/\bpost[- ]?its?\b/g, 'postit')
    // "in order to" is a purpose, not an order of goods.
    .replace(/\bin order (to|that|for)\b/g, '$1')
    .replace(/'/g, '')
    .replace(/\b([a-z]+)-([a-z0-9]+)\b/g, (whole, a: string, b: string) => (JOINED_PREFIXES.has(a) ? a + b : `${a} ${b}`));
  return lower.split(/[^a-z0-9]+/).filter(Boolean);
}

const stemCache = new Map<string, string>();

/**
 * Words Porter2 would merge with a word of another meaning: "information" is not "inform" (tell),
 * "personal" is not "person", a "manager" is not "management", "settings" are not "set", "booking"
 * a holiday is not exercise "books".
 */
const STEM_OVERRIDES: ReadonlyMap<string, string> = new Map([
  ['information', 'information'],
  ['informations', 'information'],
  ['personal', 'personal'],
  ['personally', 'personal'],
  ['manager', 'manager'],
  ['managers', 'manager'],
  ['informal', 'informal'],
  ['informally', 'informal'],
  ['officer', 'officer'],
  ['officers', 'officer'],
  ['evening', 'evening'],
  ['evenings', 'evening'],
  ['response', 'response'],
  ['responses', 'response'],
  ['digital', 'digital'],
  ['objective', 'objective'],
  ['objectives', 'objective'],
  ['transition', 'transition'],
  ['secondment', 'secondment'],
  ['generative', 'generative'],
  ['excellent', 'excellent'],
  ['excellence', 'excellent'],
  ['booking', 'booking'],
  ['bookings', 'booking'],
  ['booked', 'booking'],
  ['attendance', 'attendance'],
  ['assignment', 'assignment'],
  ['assignments', 'assignment'],
  ['setting', 'settings'],
  ['settings', 'settings'],
]);

/** Porter2 stem, cached; numbers pass through. */
export function stemWord(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = /^[0-9]+$/.test(word) ? word : (STEM_OVERRIDES.get(word) ?? stem(word));
    stemCache.set(word, s);
  }
  return s;
}

/** The stemmed content-token sequence of a text (stop words removed, particles kept). */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (STOP_WORDS.has(w)) continue;
    out.push(stemWord(w));
  }
  return out;
}

/** One word of a text: its surface form, its stem, and whether it is a stop word. */
export interface Token {
  word: string;
  stem: string;
  stop: boolean;
}

/** Every word of a text in order, stop words included (flagged), for matching phrases word by word. */
export function tokens(text: string): Token[] {
  return words(text).map((w) => ({ word: w, stem: stemWord(w), stop: STOP_WORDS.has(w) }));
}

/** True when a stem is a particle (never a query term on its own). */
export function isParticleStem(s: string): boolean {
  return PARTICLES.has(s);
}

/** Splits text into sentences without breaking at common abbreviations. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  const re = /[.!?](?:["'\u201d\u2019)]*)\s+(?=["'\u201c\u2018(]?[A-Z0-9])/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const end = m.index + m[0].length;
    const before = text.slice(Math.max(0, m.index - 6), m.index + 1).toLowerCase();
    if (/\b(e\.g|i\.e|etc|no|nos|ref|dr|mr|mrs|ms|st|vs)\.$/.test(before) || /\b[a-z]\.$/.test(before)) continue;
    out.push(text.slice(start, end).trim());
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}
