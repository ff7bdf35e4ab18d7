/**
 * Finds the colleague a message names, against the trust directory: by display name, first name
 * or one of the person's optional aliases ("Izzy"). A name that fits two or more people is never
 * guessed: the caller asks which one.
 */
import { FUNCTION_WORDS, tokenize } from './field-lexicon.js';

/** Who can be named: the directory's display name and any aliases. */
export interface DirectoryEntry {
  id: string;
  name: string;
  aliases?: readonly string[];
}

/** One person found, or the people a name could mean. */
export type PersonMatch = ({ kind: 'one'; person: DirectoryEntry } | { kind: 'several'; people: DirectoryEntry[] }) & {
  /** Where the name sits in the text. */
  start: number;
  end: number;
};

/** English titles before a surname. */
const TITLES: readonly string[] = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr'];

interface Key {
  words: string[];
  person: DirectoryEntry;
  /** Full names and aliases beat first names: "Adele Vance" wins over "Adele". */
  strength: number;
}

/** Matches names in text against a directory; built once per directory. */
export class PeopleMatcher {
  private readonly keys: Key[] = [];
  /** Every word of every key. */
  private readonly named: ReadonlySet<string>;

  constructor(directory: readonly DirectoryEntry[]) {
    for (const person of directory) {
      const full = words(person.name);
      this.keys.push({ words: full, person, strength: 3 });
      for (const alias of person.aliases ?? []) this.keys.push({ words: words(alias), person, strength: 2 });
      if (full.length > 1) this.keys.push({ words: [full[0]], person, strength: 1 });
      // "Mr Dobbs", "Mrs Hussain": how school staff name colleagues in front of pupils, and so often to each other.
      if (full.length > 1) for (const title of TITLES) this.keys.push({ words: [title, full[full.length - 1]], person, strength: 2 });
    }
    this.keys.sort((a, b) => b.words.length - a.words.length || b.strength - a.strength);
    this.named = new Set(this.keys.flatMap((k) => k.words));
  }

  /** The first person the text names (leaving out `exceptId`, usually the sender), or undefined. */
  find(text: string, exceptId?: string): PersonMatch | undefined {
    const typed = tokenize(text);
    // "Martin's covering my sign-offs": a name with its possessive ending is still the name, also
    // typed without its apostrophe ("robs account") where the word itself names nobody and a
    // content word follows (not "the cats are").
    const tokens = typed.map((t, i) => {
      const word = t.lower.replace(/'s$/, '');
      const bare = word.replace(/s$/, '');
      const next = typed[i + 1]?.lower;
      return !this.named.has(word) && this.named.has(bare) && bare.length > 1 && next !== undefined && !FUNCTION_WORDS.has(next) ? bare : word;
    });
    for (let i = 0; i < tokens.length; i++) {
      const here = this.keys.filter((k) => k.person.id !== exceptId && k.words.every((w, j) => tokens[i + j] === w));
      if (here.length === 0) continue;
      const longest = here[0].words.length;
      const strongest = Math.max(...here.filter((k) => k.words.length === longest).map((k) => k.strength));
      const people = unique(here.filter((k) => k.words.length === longest && k.strength === strongest).map((k) => k.person));
      const at = { start: typed[i].start, end: typed[i + longest - 1].end };
      return people.length === 1 ? { kind: 'one', person: people[0], ...at } : { kind: 'several', people, ...at };
    }
    return undefined;
  }
}

function words(name: string): string[] {
  return tokenize(name).map((t) => t.lower);
}

function unique(people: DirectoryEntry[]): DirectoryEntry[] {
  return [...new Map(people.map((p) => [p.id, p])).values()];
}
