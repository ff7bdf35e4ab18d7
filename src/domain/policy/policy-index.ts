/**
 * An in-memory index of policy passages: stemmed n-gram counts per passage (text, section title,
 * list lead-in), document frequencies, and the concept vocabulary compiled to stemmed phrases.
 */
import { contentStems, STOP_WORDS, tokens, words } from './text.js';
import { CONCEPTS, GENERIC_WORDS, type Concept } from './vocabulary.js';
import type { PolicyDocument, PolicyPassage, PolicySection } from './policy-types.js';
import { stemWord } from './text.js';

/** Longest phrase, in content words, that the index counts. */
export const MAX_GRAM = 4;

/** Extra words that mean the same (e.g. from WordNet), looked up for question words the vocabulary lacks. */
export interface SynonymSource {
  /** Synonyms of a lower-case word (any inflection); may be empty. */
  synonyms(word: string): readonly string[];
  /** Whether the word (any inflection) is a word of the language. */
  knows?(word: string): boolean;
  /** How many senses the word has as a noun, and as a verb, adjective or adverb. */
  senseCounts?(word: string): { noun: number; other: number };
  /** The kind of thing the word's commonest sense as a noun names ("noun.time", "noun.person"), if known. */
  nounKind?(word: string): string | undefined;
}

/** Word vectors (embeddings), for matching words that mean much the same without sharing a stem. */
export interface WordVectorSource {
  readonly dimensions: number;
  /** The unit-length vector of a lower-case word, or undefined when the word is unknown. */
  vector(word: string): Float32Array | undefined;
}

/** Optional resources for building an index. */
export interface PolicyIndexResources {
  /** Replaces the built-in concept vocabulary. */
  concepts?: readonly Concept[];
  /** Adds synonyms for question words the vocabulary does not know. */
  synonyms?: SynonymSource;
  /** Adds near neighbours in meaning (by word vector) for question words. */
  vectors?: WordVectorSource;
}

/** One indexed passage with its place in the documents. */
export interface IndexedPassage {
  passage: PolicyPassage;
  section: PolicySection;
  document: PolicyDocument;
  /** n-gram -> count in the passage text. */
  grams: Map<string, number>;
  titleGrams: Set<string>;
  leadGrams: Set<string>;
  length: number;
  /** Position in reading order across the index. */
  order: number;
  /** Position of its section in {@link PolicyIndex.sections}. */
  sectionOrder: number;
}

/** A whole section as one text (title and passages): the context a passage sits in. */
export interface IndexedSection {
  section: PolicySection;
  /** n-gram -> count over the section's title and passages. */
  grams: Map<string, number>;
  length: number;
}

/** A compiled concept: its stemmed phrases. */
export interface CompiledConcept {
  concept: Concept;
  /** Content-word stem phrases, matched against passages. */
  phrases: string[];
}

/** The searchable form of one or more policies. Build with {@link buildPolicyIndex}. */
export interface PolicyIndex {
  documents: PolicyDocument[];
  passages: IndexedPassage[];
  /** n-gram -> number of passages whose text, title or lead-in holds it. */
  df: Map<string, number>;
  avgLength: number;
  /** Every section as one text, in reading order. */
  sections: IndexedSection[];
  /** n-gram -> number of sections holding it. */
  sectionDf: Map<string, number>;
  avgSectionLength: number;
  /**
   * Stemmed term, every word kept ("follow me through", not just "follow") -> concepts having
   * that term; used to recognise concepts in a question.
   */
  phraseConcepts: Map<string, CompiledConcept[]>;
  /** Longest term, in words. */
  maxPhraseLength: number;
  /** Compiled concepts by id. */
  conceptsById: Map<string, CompiledConcept>;
  genericStems: Set<string>;
  /** Words a mistyped question word may be mended to: the policy's words, the vocabulary's and common ones. */
  spellings: Set<string>;
  synonyms?: SynonymSource;
  /** The policy's words as vectors, when word vectors were given. */
  semantic?: SemanticVocabulary;
}

/** Every content stem of the indexed text that has a word vector, as rows of one matrix. */
export interface SemanticVocabulary {
  vectors: WordVectorSource;
  dimensions: number;
  /** Row -> stem. */
  stems: string[];
  /** stems.length x dimensions unit vectors (the mean of the stem's surface words' vectors). */
  matrix: Float32Array;
  /** Per passage (by `order`): the rows of the stems in its text, section title and lead-in. */
  passageRows: Int32Array[];
}

/** The stems of the index's words that have vectors, each the normalised mean of its words' vectors. */
function buildSemanticVocabulary(vectors: WordVectorSource, surface: Map<string, Set<string>>, passages: readonly IndexedPassage[]): SemanticVocabulary {
  const dims = vectors.dimensions;
  const stems: string[] = [];
  const rows: Float32Array[] = [];
  for (const [stem, forms] of surface) {
    const sum = new Float32Array(dims);
    let n = 0;
    for (const w of forms) {
      const v = vectors.vector(w);
      if (!v) continue;
      for (let d = 0; d < dims; d++) sum[d] += v[d];
      n++;
    }
    if (!n) continue;
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += sum[d] * sum[d];
    norm = Math.sqrt(norm);
    if (!norm) continue;
    for (let d = 0; d < dims; d++) sum[d] /= norm;
    stems.push(stem);
    rows.push(sum);
  }
  const matrix = new Float32Array(stems.length * dims);
  rows.forEach((r, i) => matrix.set(r, i * dims));
  const rowOf = new Map(stems.map((st, i) => [st, i]));
  const passageRows = passages.map((p) => {
    const set = new Set<number>();
    for (const grams of [p.grams.keys(), p.titleGrams, p.leadGrams]) {
      for (const g of grams) {
        const r = g.includes(' ') ? undefined : rowOf.get(g);
        if (r !== undefined) set.add(r);
      }
    }
    return Int32Array.from(set);
  });
  return { vectors, dimensions: dims, stems, matrix, passageRows };
}

/** Collects the surface forms of a text's content words by stem. */
function addSurfaceForms(text: string, into: Map<string, Set<string>>): void {
  for (const t of tokens(text)) {
    if (t.stop || /^[0-9]+$/.test(t.word)) continue;
    let set = into.get(t.stem);
    if (!set) into.set(t.stem, (set = new Set()));
    set.add(t.word);
  }
}

/** All n-grams (1..MAX_GRAM) of a stem sequence with their counts. */
export function ngrams(stems: readonly string[], into = new Map<string, number>()): Map<string, number> {
  for (let i = 0; i < stems.length; i++) {
    let key = '';
    for (let n = 0; n < MAX_GRAM && i + n < stems.length; n++) {
      key = n === 0 ? stems[i] : `${key} ${stems[i + n]}`;
      into.set(key, (into.get(key) ?? 0) + 1);
    }
  }
  return into;
}

function compileConcepts(concepts: readonly Concept[]): { map: Map<string, CompiledConcept[]>; max: number; byId: Map<string, CompiledConcept> } {
  const map = new Map<string, CompiledConcept[]>();
  const byId = new Map<string, CompiledConcept>();
  let max = 1;
  for (const concept of concepts) {
    // A phrase that is one content word only with stop words around it ("phoned them", "friends
    // with") names the concept in a question, but in a passage that word alone may mean anything.
    const singleWords = new Set(concept.terms.filter((t) => tokens(t).length === 1).map((t) => contentStems(t).join(' ')));
    const phrases = [
      ...new Set(
        concept.terms
          .map((t) => contentStems(t))
          .filter((st) => st.length > 1 || (st.length === 1 && singleWords.has(st[0])))
          .map((st) => st.join(' ')),
      ),
    ];
    const compiled = { concept, phrases };
    byId.set(concept.id, compiled);
    for (const term of concept.terms) {
      const toks = tokens(term);
      // A term must hold a content word ("how often" does, "what is" does not).
      if (!toks.some((t) => !t.stop)) continue;
      const key = toks.map((t) => t.stem).join(' ');
      const list = map.get(key) ?? [];
      if (!list.includes(compiled)) list.push(compiled);
      map.set(key, list);
      max = Math.max(max, toks.length);
    }
  }
  return { map, max, byId };
}

/** Builds the index of the given documents. Pure: resources are passed in, never loaded here. */
export function buildPolicyIndex(docs: readonly PolicyDocument[], resources: PolicyIndexResources = {}): PolicyIndex {
  const passages: IndexedPassage[] = [];
  const df = new Map<string, number>();
  let total = 0;
  const surface = new Map<string, Set<string>>();
  const sections: IndexedSection[] = [];
  const sectionDf = new Map<string, number>();
  for (const document of docs) {
    // In a file holding several policies, a section's title says which policy it belongs to
    // ("9 About this policy" of the IT policy), as a sub-heading's says which section.
    const several = new Set(document.sections.map((s) => s.part ?? '')).size > 1;
    for (const section of document.sections) {
      const titleText = [several ? section.part : undefined, section.parent?.title, section.title].filter(Boolean).join(' ');
      addSurfaceForms(titleText, surface);
      const titleStems = contentStems(titleText);
      const titleGrams = new Set(ngrams(titleStems).keys());
      const whole = ngrams(titleStems);
      let wholeLength = titleStems.length;
      const sectionOrder = sections.length;
      for (const passage of section.passages) {
        const stems = contentStems(passage.text);
        addSurfaceForms(passage.text, surface);
        if (passage.leadIn) addSurfaceForms(passage.leadIn, surface);
        const grams = ngrams(stems);
        const leadGrams = new Set(passage.leadIn ? ngrams(contentStems(passage.leadIn)).keys() : []);
        // A lead-in is the text of a passage before it in the section, so it is counted there.
        ngrams(stems, whole);
        wholeLength += stems.length;
        const all = new Set([...grams.keys(), ...titleGrams, ...leadGrams]);
        for (const g of all) df.set(g, (df.get(g) ?? 0) + 1);
        total += stems.length;
        passages.push({ passage, section, document, grams, titleGrams, leadGrams, length: stems.length, order: passages.length, sectionOrder });
      }
      sections.push({ section, grams: whole, length: wholeLength });
      for (const g of whole.keys()) sectionDf.set(g, (sectionDf.get(g) ?? 0) + 1);
    }
  }
  const concepts = resources.concepts ?? CONCEPTS;
  const { map, max, byId } = compileConcepts(concepts);
  const spellings = new Set([...STOP_WORDS, ...GENERIC_WORDS, ...concepts.flatMap((c) => c.terms.flatMap((t) => words(t))), ...[...surface.values()].flatMap((f) => [...f])]);
  return {
    documents: [...docs],
    passages,
    df,
    avgLength: passages.length ? total / passages.length : 1,
    sections,
    sectionDf,
    avgSectionLength: sections.length ? sections.reduce((n, s) => n + s.length, 0) / sections.length : 1,
    phraseConcepts: map,
    maxPhraseLength: max,
    conceptsById: byId,
    genericStems: new Set([...GENERIC_WORDS].map(stemWord)),
    spellings,
    synonyms: resources.synonyms,
    semantic: resources.vectors ? buildSemanticVocabulary(resources.vectors, surface, passages) : undefined,
  };
}
