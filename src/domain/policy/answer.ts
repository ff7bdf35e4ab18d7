/**
 * Answers a staff question from an index of policy passages.
 *
 * A question is turned into weighted "units": each concept of the vocabulary it mentions (matched
 * on stemmed phrases, all the concept's words then count) and each remaining content word. A
 * passage scores the BM25 weight of the best-matching word of every unit, in its text, its
 * section title or its list lead-in. The policy is taken to cover the question when the best
 * passage covers enough of the question's weighted units; otherwise the answer abstains.
 */
import { contentStems, isParticleStem, tokens, type Token } from './text.js';
import { mendTypos } from './spelling.js';
import { CHAT_SHORTHAND } from './vocabulary.js';
import type { CompiledConcept, IndexedPassage, PolicyIndex } from './policy-index.js';
import type { AnswerPassage, HandoffRole, PolicyAnswer, PolicyNextStep, PolicyTopic } from './policy-types.js';

/** Tuning constants, in one place. */
export const ANSWER_TUNING = {
  /** Multiplier for a passage that gives the kind of answer asked for (a frequency for "how often"). */
  answerTypeFactor: 1.25,
  k1: 1.2,
  b: 0.5,
  /** Weight of a match in the section title / list lead-in, relative to one in the text. */
  titleWeight: 0.45,
  leadWeight: 0.35,
  /** Weight of a concept's other words relative to the word the question used. */
  synonymFactor: 0.8,
  wordnetFactor: 0.7,
  /** Weight of a wider concept's words ("device" for "phone"). */
  broaderFactor: 0.6,
  /** Importance of a question word found nowhere in the policy and unknown to the vocabulary. */
  unknownWordImportance: 0.5,
  /** Word vectors: a policy word this close (cosine) to a question word counts as an alternative... */
  vectorThreshold: 0.65,
  /** ...at most this many of them per question word... */
  vectorNeighbours: 4,
  /** ...with this weight times the similarity. */
  vectorFactor: 0.6,
  /** A question word with a vector but no policy word this close is taken to be outside the policy. */
  vectorAbsentThreshold: 0.45,
  /** Importance of such a word (it has a meaning, and the policy has nothing near it). */
  vectorAbsentImportance: 1,
  /**
   * Soft match: a passage also scores, relative to the best lexical score, the importance-weighted
   * share of the question's units that have a word in it at least this similar...
   */
  softThreshold: 0.5,
  /** ...at this weight. */
  softWeight: 0.5,
  /** Importance multiplier for a vocabulary concept that the policy never mentions. */
  absentConceptImportance: 1.3,
  /** Importance multiplier for an off-topic concept (pay, parking...) the policy never mentions. */
  absentOffTopicImportance: 3,
  genericImportance: 0.15,
  /**
   * A scene-setting detail of the question ("to print some worksheets", "on the bus") that a
   * passage does not match counts this much of its importance against that passage's coverage,
   * provided the passage matches something of the question's core.
   */
  detailFactor: 0.3,
  /** Ranking weight of a scene-setting detail, relative to the question's core. */
  detailWeight: 0.85,
  /** Ranking weight of the words of a clause that tells the situation, when another clause asks the question. */
  sceneWeight: 0.75,
  /**
   * Importance multiplier for a question word or concept the policy lacks that heads what is
   * asked about ("laptop charger", "accept a friend request"): the core of the question is missing.
   */
  absentHeadFactor: 2,
  /**
   * Importance of a question word the policy lacks that names a time, a person or a place
   * ("this morning", "some bloke", "in Spain"): it sets the scene rather than saying what is asked.
   */
  sceneWordImportance: 0.3,
  /** Share of the question's weighted units the best passage must cover to answer. */
  minCoverage: 0.4,
  /** Coverage needed instead when the question's subject is a known concept the policy never mentions. */
  missingSubjectCoverage: 0.55,
  /** Coverage of the best three passages together counts at this discount. */
  unionDiscount: 0.85,
  maxPassages: 5,
  /** A passage that only introduces a list says little by itself. */
  leadInOnlyFactor: 0.6,
  /** Introductions and statements of purpose frame the policy rather than set its rules. */
  framingFactor: 0.85,
  /** For "can I / do I need to" questions, a passage that states a rule is preferred. */
  ruleFactor: 1.15,
  /** A passage that does not match the question's focus (see focusOf) ranks lower by this factor. */
  focusMissFactor: 0.85,
};

/** One part of a question: alternatives (stemmed n-grams) any of which satisfies it. */
export interface QueryUnit {
  label: string;
  alternatives: Map<string, number>;
  concepts: CompiledConcept[];
  /** Weight in scoring. */
  weight: number;
  /** Weight in the coverage test. */
  importance: number;
  /** Matched nowhere in the index. */
  absent: boolean;
  /** Says what kind of answer is wanted rather than what it is about. */
  intent?: boolean;
  /** The question's own words for this unit (surface forms, content words only). */
  words: string[];
  /** Best word-vector similarity of the word to any policy word (-1: no vector); unset without vectors. */
  semanticBest?: number;
  /** Sets the scene (a purpose, place or time) rather than saying what is asked about. */
  detail?: boolean;
  /** A concept the question is about ("ChatGPT", "backups") that the policy never mentions. */
  missingSubject?: boolean;
}

/** WordNet noun kinds that set a scene: times, people, places. */
const SCENE_KINDS = new Set(['noun.time', 'noun.person', 'noun.location']);

const ROLE_CONCEPTS = ['head', 'slt', 'line_manager', 'it_team', 'ceo', 'dpc'];

function idf(index: PolicyIndex, gram: string): number {
  const n = index.passages.length;
  const df = index.df.get(gram) ?? 0;
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Rewrites a few surface forms before tokenising ("year 10" is a pupil, "e-mail" is email). */
function normaliseQuestion(question: string): string {
  return question
    .replace(/\b(?:year|yr|y)\s?\d{1,2}s?\b/gi, ' year group ')
    .replace(/\b(?:ks|key stage)\s?\d\b/gi, ' year group ')
    .replace(/\be-mail/gi, 'email')
    .replace(/[a-z0-9]+/gi, (w) => CHAT_SHORTHAND.get(w.toLowerCase()) ?? w)
    // "stop them seeing my number" prevents something; it does not switch anything off.
    .replace(/\bstop(?=\s+(?:them|him|her|people|everyone|anyone|others|parents|pupils|kids|students|staff)\b)/gi, 'prevent')
    // "a folder called 'HR'" names it; nobody phoned anyone.
    .replace(/\b(?:called|named)\s+(?=['"\u2018\u201c]|[A-Z])/g, '')
    // "loads of popups" is many popups, not loading software.
    .replace(/\b(?:loads|lots|a load|a lot|tons|heaps) of\b/gi, 'many')
    // "let a supply teacher use my laptop": letting someone use a thing is lending it.
    .replace(/\blet\b(?=(?:\s+[\w']+){1,3}\s+(?:use|have|borrow|go on|log on|log in)\b)/gi, 'lend');
}

/** Per index: word -> its similarity to every stem of the policy (bounded; words recur across questions). */
const similarityCache = new WeakMap<PolicyIndex, Map<string, Float32Array | null>>();
const SIMILARITY_CACHE_WORDS = 2000;

/** Cosine similarity of a word to every stem of the policy (by row), or undefined when it has no vector. */
function wordSimilarities(index: PolicyIndex, word: string): Float32Array | undefined {
  const sem = index.semantic;
  if (!sem) return undefined;
  let cache = similarityCache.get(index);
  if (!cache) similarityCache.set(index, (cache = new Map()));
  const hit = cache.get(word);
  if (hit !== undefined) return hit ?? undefined;
  const v = sem.vectors.vector(word);
  let sims: Float32Array | null = null;
  if (v) {
    const { matrix, dimensions: dims, stems } = sem;
    sims = new Float32Array(stems.length);
    for (let r = 0, at = 0; r < stems.length; r++, at += dims) {
      let a = 0;
      let b = 0;
      let d = 0;
      for (; d + 1 < dims; d += 2) {
        a += matrix[at + d] * v[d];
        b += matrix[at + d + 1] * v[d + 1];
      }
      if (d < dims) a += matrix[at + d] * v[d];
      sims[r] = a + b;
    }
  }
  if (cache.size >= SIMILARITY_CACHE_WORDS) cache.clear();
  cache.set(word, sims);
  return sims ?? undefined;
}

/**
 * Policy stems close in meaning to a word (by word vector), closest first, above the threshold;
 * and the best similarity found (-1 when the word has no vector).
 */
function nearestStems(index: PolicyIndex, word: string, threshold: number, limit: number): { near: [string, number][]; best: number } {
  const sims = wordSimilarities(index, word);
  if (!sims) return { near: [], best: -1 };
  const stems = index.semantic!.stems;
  const near: [string, number][] = [];
  let best = -1;
  for (let r = 0; r < sims.length; r++) {
    if (sims[r] > best) best = sims[r];
    if (sims[r] >= threshold) near.push([stems[r], sims[r]]);
  }
  near.sort((a, b) => b[1] - a[1]);
  return { near: near.slice(0, limit), best };
}

/**
 * Soft match of every passage: per unit, the best similarity of its words to any word of the
 * passage (rescaled from the threshold to 1), weighted by the unit's importance, as a share of the
 * importance of the units that have vectors. Undefined without vectors.
 */
export function softMatches(index: PolicyIndex, units: readonly QueryUnit[]): Float32Array | undefined {
  const sem = index.semantic;
  if (!sem) return undefined;
  const { stems, passageRows } = sem;
  const { softThreshold } = ANSWER_TUNING;
  const out = new Float32Array(index.passages.length);
  let total = 0;
  const sims = new Float32Array(stems.length);
  for (const u of units) {
    if (u.intent || !u.importance) continue;
    const rows = u.words.map((w) => wordSimilarities(index, w)).filter((v): v is Float32Array => !!v);
    if (!rows.length) continue;
    total += u.importance;
    sims.set(rows[0]);
    for (const row of rows.slice(1)) for (let r = 0; r < stems.length; r++) if (row[r] > sims[r]) sims[r] = row[r];
    for (let r = 0; r < stems.length; r++) sims[r] = sims[r] <= softThreshold ? 0 : (Math.min(1, sims[r]) - softThreshold) / (1 - softThreshold);
    for (let p = 0; p < passageRows.length; p++) {
      const rows = passageRows[p];
      let best = 0;
      for (let k = 0; k < rows.length; k++) if (sims[rows[k]] > best) best = sims[rows[k]];
      out[p] += u.importance * best;
    }
  }
  if (total) for (let p = 0; p < out.length; p++) out[p] /= total;
  return out;
}

/** Where a question's clauses break: punctuation, or a dash between spaces. */
const CLAUSE_BREAK_CAPTURE_RE = /([,;:?!()]+|\.(?:\s|$)|\s[-\u2013\u2014]+\s)/;
/** Words that open a clause asking something. */
const QUESTION_OPENERS = new Set(
  'can could may might must shall should is am are was were do does did will would how what whats who whom where when why which any anything ok okay legit need have'.split(' '),
);
/** Words that begin a phrase saying where, when, why or for what ("on the bus", "to print some worksheets"). */
const PLACE_MARKERS = new Set(['in', 'on', 'at', 'over', 'during', 'for']);
/** Verbs after which "on" or "in" was stranded at the end of a phrase ("names on need shredding"), not a place. */
const STRANDED_BEFORE = new Set('need needs go goes get gets want wants make makes'.split(' '));
/** Verbs whose "for" is part of them ("ask for", "apply for", "look for"). */
const FOR_COMPLEMENTS = new Set('ask asking asked apply applying applied look looking looked wait waiting pay paying paid search searching request requesting register registering sign signing account'.split(' '));
const REASON_MARKERS = new Set(['because', 'cos', 'since', 'while', 'whilst', 'like']);
/** Words that begin a clause whose scene-setting phrase comes first ("on the trip, can I ..."). */
const FRONTED_MARKERS = new Set(['in', 'on', 'at', 'over', 'during', 'for', 'while', 'whilst']);
const DETERMINERS = new Set('my the a an our your his her their this that these those its some any all every each me him them us'.split(' '));
/** Words after which "to" continues the question itself ("want to", "allowed to", "safe to"). */
const TO_LEADS = new Set(
  ('want wants wanted need needs needed like liked try trying tried able allowed permitted supposed meant going gone have has had ' +
    'ok okay fine safe alright acceptable possible better best wise legal appropriate necessary required expected asked asking told ' +
    'tell plan planning hoping hope way easiest easy quick right wrong ask going used use using').split(' '),
);
const PRONOUNS = new Set('i you he she it we they her him them me us whom who what which where'.split(' '));
const SO_SUBJECTS = new Set('i we they he she that it you the pupils kids'.split(' '));
const CLAUSE_JOINS = new Set(['and', 'or', 'but']);

/**
 * Marks the tokens of a question that set the scene rather than say what is asked: a purpose
 * ("to print some worksheets", "so I can read them at home"), a place or time ("on the bus",
 * "over half term") or a reason, once the question has said what it is about; and a fronted
 * phrase of that kind ("on the trip, ..."). Each runs to the end of its clause or to "and"/"or".
 */
class DetailTracker {
  private inDetail = false;
  private content = 0;
  private next = 0;

  constructor(
    private readonly toks: readonly Token[],
    private readonly clauseStarts: ReadonlySet<number>,
  ) {}

  /** Whether token i (the next one not yet consumed) is part of a detail. */
  at(i: number): boolean {
    const { toks } = this;
    for (; this.next <= i; this.next++) {
      const k = this.next;
      const t = toks[k];
      if (this.clauseStarts.has(k)) this.inDetail = FRONTED_MARKERS.has(t.word) && this.laterClauseHasContent(k);
      else if (CLAUSE_JOINS.has(t.word)) this.inDetail = false;
      else if (!this.inDetail && this.opensDetail(k)) this.inDetail = true;
    }
    return this.inDetail;
  }

  /** Tokens i..i+n-1 were taken as one unit: a marker inside a phrase ("log on") opens nothing. */
  consumed(i: number, n: number): void {
    for (let k = i; k < i + n; k++) {
      const t = this.toks[k];
      if (!t.stop && !isParticleStem(t.stem)) this.content++;
    }
    if (n > 1) this.next = Math.max(this.next, i + n);
  }

  private opensDetail(k: number): boolean {
    const t = this.toks[k];
    const after = this.toks[k + 1];
    if (!after) return false;
    const prev = this.toks[k - 1];
    // "ask for unpaid leave": "for" completes the verb rather than adding a purpose.
    if (t.word === 'for' && prev && FOR_COMPLEMENTS.has(prev.word)) return false;
    if (PLACE_MARKERS.has(t.word)) return this.content >= 2 && (DETERMINERS.has(after.word) || (!after.stop && !STRANDED_BEFORE.has(after.word)));
    if (REASON_MARKERS.has(t.word)) return this.content >= 1;
    if (t.word === 'so') return this.content >= 2 && SO_SUBJECTS.has(after.word);
    if (t.word === 'to') {
      return this.content >= 2 && !!prev && !prev.stop && !isParticleStem(prev.stem) && !TO_LEADS.has(prev.word) && !DETERMINERS.has(after.word) && !PRONOUNS.has(after.word);
    }
    return false;
  }

  private laterClauseHasContent(k: number): boolean {
    let clause = 0;
    for (let j = k; j < this.toks.length; j++) {
      if (j > k && this.clauseStarts.has(j)) clause++;
      if (clause > 0 && !this.toks[j].stop && !isParticleStem(this.toks[j].stem)) return true;
    }
    return false;
  }
}

/** Per concept: its terms as token sequences, by stemmed key. */
const termTokens = new WeakMap<CompiledConcept, Map<string, Token[][]>>();

/** What may follow the shared start of two forms of one word ("log|ging", "cop|ies"/"cop|y"). */
const INFLECTION_RE = /^(?:[bdgklmnprtz](?=ing|ed|er|y|ies))?(?:s|es|e|ed|d|ing|ies|ied|y|ly|er|ers)?$/;

/** Two words that stem alike are taken as one only when they differ by an inflection ("informal" is not "information"). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return INFLECTION_RE.test(a.slice(k)) && INFLECTION_RE.test(b.slice(k));
}

/** Whether a concept has a term with this stemmed key whose words are the question's words, give or take an inflection. */
function hasTermWithWords(c: CompiledConcept, key: string, words: readonly Token[]): boolean {
  let byKey = termTokens.get(c);
  if (!byKey) {
    byKey = new Map();
    for (const term of c.concept.terms) {
      const toks = tokens(term);
      const k = toks.map((t) => t.stem).join(' ');
      byKey.set(k, [...(byKey.get(k) ?? []), toks]);
    }
    termTokens.set(c, byKey);
  }
  return (byKey.get(key) ?? []).some((term) => term.length === words.length && term.every((t, j) => sameWord(t.word, words[j].word) && words[j].word.length >= t.word.length));
}

/**
 * The longest vocabulary term starting at token i, matched word for word (stop words included, so
 * that "follow me through" is not taken for any "follow").
 */
function longestTermAt(index: PolicyIndex, toks: readonly Token[], i: number): { matched?: CompiledConcept[]; len: number } {
  for (let n = Math.min(index.maxPhraseLength, toks.length - i); n >= 1; n--) {
    if (n === 1 && (toks[i].stop || isParticleStem(toks[i].stem))) break;
    const key = toks.slice(i, i + n).map((t) => t.stem).join(' ');
    const found = index.phraseConcepts.get(key)?.filter((c) => hasTermWithWords(c, key, toks.slice(i, i + n)));
    if (found?.length) return { matched: found, len: n };
  }
  return { len: 0 };
}

/** "who do I report it to": a clause asking only whom to tell says nothing of what it is about. */
function asksOnlyWhomToTell(u: QueryUnit): boolean {
  return u.concepts.length > 0 && u.concepts.every((c) => c.concept.id === 'report');
}

/** Splits a question into weighted units. */
export function analyseQuestion(index: PolicyIndex, question: string): QueryUnit[] {
  // Clauses are tokenised apart so that a scene-setting phrase ends with its clause.
  const toks: Token[] = [];
  const clauseStarts = new Set<number>();
  /** Per token: whether its clause asks something (rather than telling the situation). */
  const asking: boolean[] = [];
  const known = index.synonyms?.knows?.bind(index.synonyms);
  const normalised = normaliseQuestion(question);
  const parts = (known ? mendTypos(normalised, known, index.spellings) : normalised).split(CLAUSE_BREAK_CAPTURE_RE);
  for (let k = 0; k < parts.length; k += 2) {
    const t = tokens(parts[k] ?? '');
    if (!t.length) continue;
    const asks = (parts[k + 1] ?? '').includes('?') || QUESTION_OPENERS.has(t[0].word);
    clauseStarts.add(toks.length);
    toks.push(...t);
    asking.push(...t.map(() => asks));
  }
  const inAsking = new Set<QueryUnit>();
  const heads = new Set<QueryUnit>();
  /** Token index just after the last action concept ("install"), while nothing else has followed it. */
  let lastAction: number | undefined;
  const units: QueryUnit[] = [];
  const maxIdf = Math.log(1 + (index.passages.length + 0.5) / 0.5);
  /**
   * Whether a run of content words ends before token k: at a stop word, particle, clause break or
   * the end, or at a vague word ("that authenticator app thing" is about the app).
   */
  const endsRun = (k: number) => {
    const after = toks[k];
    return !after || after.stop || isParticleStem(after.stem) || clauseStarts.has(k) || index.genericStems.has(after.stem);
  };
  const detail = new DetailTracker(toks, clauseStarts);
  let i = 0;
  while (i < toks.length) {
    const inDetail = detail.at(i);
    const term = longestTermAt(index, toks, i);
    const len = term.len;
    // "the car park": a term that only adds a leading stop word ("the car") gives way to a longer one after it.
    const matched = term.matched && !(toks[i].stop && longestTermAt(index, toks, i + 1).len > len - 1) ? term.matched : undefined;
    if (matched) {
      // "connect my own bluetooth speaker": what an action is done to is not a new subject.
      const objectOfAction = lastAction !== undefined && toks.slice(lastAction, i).every((x) => x.stop);
      const span = toks.slice(i, i + len).filter((t) => !t.stop).map((t) => t.stem).join(' ');
      const existing = units.find((u) => u.concepts.length && u.concepts.every((c) => matched!.includes(c)) && matched!.every((c) => u.concepts.includes(c)));
      const spanWords = toks.slice(i, i + len).filter((t) => !t.stop && !isParticleStem(t.stem)).map((t) => t.word);
      if (existing) {
        existing.alternatives.set(span, 1);
        for (const w of spanWords) if (!existing.words.includes(w)) existing.words.push(w);
        if (!inDetail) existing.detail = false;
        if (asking[i]) inAsking.add(existing);
      } else {
        const alternatives = new Map<string, number>();
        for (const c of matched) {
          for (const id of c.concept.broader ?? []) {
            for (const p of index.conceptsById.get(id)?.phrases ?? []) alternatives.set(p, ANSWER_TUNING.broaderFactor);
          }
        }
        for (const c of matched) for (const p of c.phrases) alternatives.set(p, ANSWER_TUNING.synonymFactor);
        alternatives.set(span, 1);
        const weight = Math.max(...matched.map((c) => c.concept.weight ?? 1));
        units.push({ label: span, alternatives, concepts: matched, weight, importance: weight, absent: false, words: spanWords, detail: inDetail });
        if (asking[i]) inAsking.add(units[units.length - 1]);
        if (!inDetail && !objectOfAction && endsRun(i + len)) heads.add(units[units.length - 1]);
      }
      detail.consumed(i, len);
      // "my own" qualifies what follows an action, like "my".
      const possessive = matched.every((c) => c.concept.id === 'own');
      lastAction = matched.some((c) => c.concept.action) || (possessive && objectOfAction) ? i + len : undefined;
      i += len;
      continue;
    }
    const t = toks[i];
    // "install Audacity": the word names what the action applies to.
    const afterAction = lastAction !== undefined && toks.slice(lastAction, i).every((x) => x.stop);
    if (!t.stop) lastAction = undefined;
    detail.consumed(i, 1);
    i++;
    const s = t.stem;
    if (t.stop || isParticleStem(s) || (/^\d+$/.test(s) && s.length < 2)) continue;
    const same = units.find((u) => u.alternatives.get(s) === 1);
    if (same) {
      if (!inDetail) same.detail = false;
      if (asking[i - 1]) inAsking.add(same);
      continue;
    }
    const alternatives = new Map<string, number>([[s, 1]]);
    const generic = index.genericStems.has(s);
    if (!generic && index.synonyms) {
      // Words the vocabulary lacks: WordNet's synonyms and derived forms count, for less.
      for (const syn of index.synonyms.synonyms(t.word)) {
        const key = contentStems(syn).join(' ');
        if (key && !alternatives.has(key) && !index.genericStems.has(key)) alternatives.set(key, ANSWER_TUNING.wordnetFactor);
      }
    }
    let semanticBest: number | undefined;
    if (!generic && index.semantic) {
      // Words of the policy close in meaning count too, for less the further they are.
      const { near, best } = nearestStems(index, t.word, ANSWER_TUNING.vectorThreshold, ANSWER_TUNING.vectorNeighbours);
      semanticBest = best;
      for (const [stem, sim] of near) {
        if (!alternatives.has(stem) && !index.genericStems.has(stem)) alternatives.set(stem, ANSWER_TUNING.vectorFactor * sim);
      }
    }
    const w = generic ? ANSWER_TUNING.genericImportance : 1;
    units.push({ label: s, alternatives, concepts: [], weight: w, importance: w, absent: false, semanticBest, words: [t.word], detail: inDetail });
    // The last word of a run of content words heads it ("laptop charger"): what the run is about.
    if (!generic && !inDetail && !afterAction && endsRun(i)) heads.add(units[units.length - 1]);
    if (asking[i - 1]) inAsking.add(units[units.length - 1]);
  }
  // "Who ...?" asks for a person or role: passages naming one are preferred (not counted as coverage).
  if (/\bwho(m)?\b|\bwhich person\b/i.test(question)) {
    const alternatives = new Map<string, number>();
    for (const id of ROLE_CONCEPTS) for (const p of index.conceptsById.get(id)?.phrases ?? []) alternatives.set(p, 1);
    if (alternatives.size) units.push({ label: 'who', alternatives, concepts: [], weight: 0.5, importance: 0, absent: false, intent: true, words: [] });
  }
  // A head outside the asking clause heads a line of the story, not the question
  // ("... and now the laptop is acting weird, what do I do").
  if (inAsking.size) for (const u of [...heads]) if (!inAsking.has(u)) heads.delete(u);
  for (const u of units) {
    if (u.intent) continue;
    let present = false;
    let best = 0;
    for (const alt of u.alternatives.keys()) {
      if (index.df.has(alt)) {
        present = true;
        best = Math.max(best, idf(index, alt));
      }
    }
    u.absent = !present;
    if (u.concepts.length) {
      const context = u.concepts.every((c) => c.concept.context);
      const offTopic = u.concepts.some((c) => c.concept.offTopic);
      // A detail the policy never mentions is not what the question is about: no extra weight for its absence.
      u.importance = u.weight * (present || context || u.detail ? 1 : offTopic ? ANSWER_TUNING.absentOffTopicImportance : ANSWER_TUNING.absentConceptImportance * (heads.has(u) ? ANSWER_TUNING.absentHeadFactor : 1));
      u.missingSubject = !present && !context && !u.detail && u.weight >= 1 && (offTopic || heads.has(u));
    } else if (u.weight < 1) {
      u.importance = u.weight;
    } else if (!index.df.has(u.label) && u.words.length === 1 && (/^\d+$/.test(u.label) || SCENE_KINDS.has(index.synonyms?.nounKind?.(u.words[0]) ?? ''))) {
      // A number the policy never states ("about 30 families") sets the scene like a time or place.
      u.importance = ANSWER_TUNING.sceneWordImportance;
    } else {
      const semanticallyAbsent = u.semanticBest !== undefined && u.semanticBest >= 0 && u.semanticBest < ANSWER_TUNING.vectorAbsentThreshold;
      // What a question is about is named by nouns; a word the policy lacks that is mostly a verb or
      // an adjective ("nipping", "chuck", "jammed") says how, not what, so its absence weighs little.
      const senses = index.synonyms?.senseCounts?.(u.words[0]);
      const mostlyNotNoun = !!senses && senses.other > senses.noun;
      u.importance = present
        ? Math.min(1, Math.max(0.3, best / maxIdf))
        : mostlyNotNoun
          ? ANSWER_TUNING.unknownWordImportance
          : (semanticallyAbsent ? ANSWER_TUNING.vectorAbsentImportance : ANSWER_TUNING.unknownWordImportance) * (heads.has(u) ? ANSWER_TUNING.absentHeadFactor : 1);
    }
  }
  // "Popping into the supermarket, can I leave the laptop on the back seat?": when the asking
  // clause says what it is about, the clauses that tell the situation weigh less in ranking and
  // set the scene, like any other detail, for coverage.
  if (inAsking.size && units.some((u) => inAsking.has(u) && u.weight >= 0.5 && !asksOnlyWhomToTell(u)) && units.some((u) => !inAsking.has(u) && !u.intent)) {
    for (const u of units) {
      if (inAsking.has(u) || u.intent) continue;
      u.weight *= ANSWER_TUNING.sceneWeight;
      u.detail = true;
    }
  }
  for (const u of units) if (u.detail) u.weight *= ANSWER_TUNING.detailWeight;
  return units;
}

/** BM25 weight of one alternative in a passage's text. */
function textScore(index: PolicyIndex, p: IndexedPassage, gram: string): number {
  const tf = p.grams.get(gram);
  if (!tf) return 0;
  const { k1, b } = ANSWER_TUNING;
  // Longer phrases are more specific than their words' idf says.
  const phraseBoost = 1 + 0.25 * (gram.split(' ').length - 1);
  return idf(index, gram) * phraseBoost * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * p.length) / index.avgLength)));
}

interface Scored {
  p: IndexedPassage;
  score: number;
  coverage: number;
  /** Indexes of the units the passage matches. */
  matched: Set<number>;
}

/** How a passage reads, for weighing it beyond its words. */
interface PassageShape {
  /** States a rule: must / should / do not / not permitted / required... */
  rule: boolean;
  /** Only introduces a list ("Employees must not use the services to:"). */
  leadInOnly: boolean;
  /** Sits under an introduction, purpose or similar section that frames the policy rather than setting rules. */
  framing: boolean;
}

const RULE_RE = /\b(must|should|shall|required|requires|not permitted|permitted|prohibited|forbidden|not allowed|allowed|never|do not|don't|may not|cannot|not (?:to )?be|is not acceptable|are not to|not entitled|responsible for|will be (?:treated|liable|dealt))\b/i;
const FRAMING_TITLE_RE = /^(introduction|purposes?|principles|objectives?|aims?|background|overview|contents|policy details|revision history|declaration|.*\bdeclaration)$/i;
const shapes = new WeakMap<IndexedPassage, PassageShape>();

function shapeOf(p: IndexedPassage): PassageShape {
  let shape = shapes.get(p);
  if (!shape) {
    const text = p.passage.text;
    const titles = [p.section.title, p.section.parent?.title ?? ''].map((t) => t.replace(/^[\d.\s]+/, '').trim());
    shape = {
      rule: RULE_RE.test(text),
      leadInOnly: /:\s*$/.test(text) && text.split(/\s+/).length < 25,
      framing: FRAMING_TITLE_RE.test(titles[0]) && !p.passage.clause,
    };
    shapes.set(p, shape);
  }
  return shape;
}

/** A question asking whether something may or must be done ("can I ...", "do I need to ..."). */
const PERMISSION_RE = /^\s*(?:\w+\s*,\s*)?(?:can|could|may|must|should|shall|am|are|is|do|does|would)\b|\b(?:allowed|ok(?:ay)?|permitted|alright|all right|fine|have to|need to|supposed to|rules?)\b/i;

/**
 * What kind of answer a question asks for, and what a passage that gives one says: a "how often"
 * question is answered by a frequency, a "who do I tell" question by a person or role.
 */
const ANSWER_TYPES: readonly { question: RegExp; passage: RegExp }[] = [
  {
    question: /\bhow (?:often|frequently|regularly)\b|\bhow many times\b/i,
    passage: /\b(?:every|each|daily|weekly|monthly|termly|annually|yearly|once|twice|regularly|at least|per (?:day|week|month|term|year))\b/i,
  },
  {
    question: /\bwho(?:m)?\b|\b(?:report|tell|inform|notify|contact|ask|speak to|go to)\b[^?.]*\b(?:to|who)\b\s*[?.!]?\s*$/i,
    passage: /\b(?:manager|head ?teacher|head of|champion|officer|lead|leader|leadership|slt|ceo|governors?|trustees?|it (?:team|department|support|provider)|data protection|line manager|police|administrator|bursar|principal)\b/i,
  },
  {
    question: /\b(?:how (?:soon|quickly|long)|when|by when|what time|deadline)\b/i,
    passage: /\b(?:immediately|promptly|as soon as|without delay|within|hours?|days?|weeks?|months?|years?|before|after|until|deadline|at once)\b/i,
  },
  {
    // "lost my badge, what do I do": what to do next is usually to report it to someone.
    question: /\bwhat (?:do|should|shall|must|can) (?:i|we) do\b|\bwhat(?:'s| is| are) the (?:procedure|process|steps?)\b|\bwhat now\b/i,
    passage: /\b(?:report(?:ed)?|inform(?:ed)?|notif(?:y|ied)|contact(?:ed)?|tell|told|alert(?:ed)?|escalate[ds]?)\b/i,
  },
  {
    question: /\bwhat happens\b|\b(?:in trouble|get sacked|sacked|fired|punish|disciplin|consequences?|penalt)/i,
    passage: /\b(?:disciplinary|dismissal|sanctions?|liable|misconduct|penalt(?:y|ies)|action (?:may|will) be taken|breach(?:es)? of (?:this|the) policy|criminal)\b/i,
  },
];

/** The answer types a question asks for (usually none or one). */
function answerTypesOf(question: string): readonly RegExp[] {
  return ANSWER_TYPES.filter((t) => t.question.test(question)).map((t) => t.passage);
}

/** Multiplier for a passage from its shape and the kind of question. */
function shapeFactor(p: IndexedPassage, permission: boolean, wanted: readonly RegExp[] = []): number {
  const shape = shapeOf(p);
  let f = 1;
  if (shape.leadInOnly) f *= ANSWER_TUNING.leadInOnlyFactor;
  if (shape.framing) f *= ANSWER_TUNING.framingFactor;
  if (permission && shape.rule) f *= ANSWER_TUNING.ruleFactor;
  if (wanted.some((re) => re.test(p.passage.text))) f *= ANSWER_TUNING.answerTypeFactor;
  return f;
}

/** Per unit, the alternatives the index holds at all (with their factors): only these can match a passage. */
function indexedAlternatives(index: PolicyIndex, units: readonly QueryUnit[]): [string, number][][] {
  return units.map((u) => [...u.alternatives].filter(([alt]) => index.df.has(alt)));
}

/**
 * The question's focus: of the units the policy has, the one that weighs most, taking its
 * importance times the idf of its best alternative (-1 when the policy has none). A passage
 * matching many weak units ("put", "laptop", "message") should not outrank the one on the thing
 * asked about ("WhatsApp": messenger software).
 */
function focusOf(index: PolicyIndex, units: readonly QueryUnit[], alternatives: readonly (readonly [string, number][])[]): number {
  let focus = -1;
  let best = 0;
  units.forEach((u, i) => {
    if (u.absent || u.intent) return;
    const specificity = Math.max(0, ...alternatives[i].map(([alt, f]) => f * idf(index, alt)));
    if (u.importance * specificity > best) {
      best = u.importance * specificity;
      focus = i;
    }
  });
  return focus;
}

/** Scores one passage: per unit, the best alternative in the text plus the best in the title and lead-in. */
function scorePassage(
  index: PolicyIndex,
  p: IndexedPassage,
  units: QueryUnit[],
  alternatives: readonly (readonly [string, number][])[],
  permission: boolean,
  wanted: readonly RegExp[],
): Scored {
  let score = 0;
  const credit = new Map<number, number>();
  const matched = new Set<number>();
  const { titleWeight, leadWeight, synonymFactor } = ANSWER_TUNING;
  units.forEach((u, i) => {
    let text = 0;
    let title = 0;
    let lead = 0;
    let strength = 0;
    for (const [alt, factor] of alternatives[i]) {
      const t = textScore(index, p, alt);
      if (t) text = Math.max(text, factor * t);
      const inTitle = p.titleGrams.has(alt);
      const inLead = p.leadGrams.has(alt);
      if (inTitle) title = Math.max(title, factor * idf(index, alt) * titleWeight);
      if (inLead) lead = Math.max(lead, factor * idf(index, alt) * leadWeight);
      if (t || inTitle || inLead) strength = Math.max(strength, factor);
    }
    const best = text + title + lead;
    score += u.weight * best;
    if (best > 0) {
      // A match through a weaker alternative (a wider concept, a WordNet synonym) covers less.
      credit.set(i, Math.min(1, strength / synonymFactor));
      matched.add(i);
    }
  });
  return { p, score: score * shapeFactor(p, permission, wanted), coverage: coverageOf(units, credit), matched };
}

/**
 * Importance-weighted share of the question's units matched (credit 0..1 per unit index). Once
 * the core of the question is matched, scene-setting details count for little.
 */
function coverageOf(units: readonly QueryUnit[], credit: ReadonlyMap<number, number>): number {
  const coreMatched = units.some((u, i) => (credit.get(i) ?? 0) > 0 && !u.detail && !u.intent && u.importance >= 0.5);
  let total = 0;
  let covered = 0;
  units.forEach((u, i) => {
    const c = credit.get(i) ?? 0;
    const importance = u.detail && coreMatched && !c ? u.importance * ANSWER_TUNING.detailFactor : u.importance;
    total += importance;
    covered += importance * c;
  });
  return total ? covered / total : 0;
}

/** Share of the units' importance matched by any of the given passages. */
function unionCoverage(units: QueryUnit[], scored: Scored[]): number {
  const credit = new Map<number, number>();
  units.forEach((_, i) => {
    if (scored.some((s) => s.matched.has(i))) credit.set(i, 1);
  });
  return coverageOf(units, credit);
}

/** "3.3 Equipment security and passwords", "Password Security (section 4)" or the plain title. */
export function sectionLabel(p: IndexedPassage): string {
  const { section, passage } = p;
  if (passage.clause) return `${passage.clause} ${section.title}`;
  if (section.number) return `${section.number} ${section.title}`;
  if (section.parent?.number) return `${section.title} (section ${section.parent.number})`;
  return section.title;
}

function toAnswerPassage(s: Scored): AnswerPassage {
  const { p } = s;
  const out: AnswerPassage = {
    section: sectionLabel(p),
    sectionTitle: p.section.title,
    text: p.passage.text,
    score: Math.round(s.score * 1000) / 1000,
    source: p.document.name,
    passageId: p.passage.id,
  };
  const number = p.section.number ?? p.section.parent?.number;
  if (number) out.sectionNumber = number;
  if (p.passage.clause) out.clause = p.passage.clause;
  if (p.passage.leadIn) out.leadIn = p.passage.leadIn;
  return out;
}

const has = (units: QueryUnit[], id: string) => units.some((u) => u.concepts.some((c) => c.concept.id === id));

/** Asking for a program to be put on a machine: "install", "download", "get Scratch on my laptop". */
const INSTALL_VERB_RE = /\b(?:install(?:s|ed|ing|ation)?|re-?install(?:ed|ing)?|download(?:s|ed|ing)?)\b/i;
const ONTO_DEVICE_RE =
  /\b(?:get|put|have|add|load|stick)\b([^.?!]{1,40}?)\b(?:on|onto|on to)\s+(?:my|the|a|our|this|his|her|their|class|classroom|school|work)\b[^.?!]{0,25}?\b(?:laptop|computer|pc|desktop|ipad|tablet|machine|chromebook|macbook|device|whiteboard|board)s?\b/i;

const PROGRAM_CONCEPTS = ['software', 'games', 'messenger', 'p2p', 'install'];

/**
 * The request a question leads to. The request a question is about wins over the things it
 * mentions on the way ("install Audacity on my laptop" asks for software, not about laptops).
 */
export function nextStepFor(units: QueryUnit[], question = ''): PolicyNextStep | undefined {
  const device = ['device', 'laptop', 'tablet', 'phone', 'computer', 'usb', 'badge'].some((id) => has(units, id));
  if ((has(units, 'lost') || has(units, 'theft')) && (device || !has(units, 'personal_data'))) return 'lost_device';
  if (has(units, 'password') && (has(units, 'share') || has(units, 'log_on') || has(units, 'colleague'))) return 'password_sharing';
  const aboutProtection = has(units, 'antivirus') || has(units, 'updates') || has(units, 'virus');
  const aboutData = (has(units, 'personal_data') || has(units, 'books')) && !has(units, 'software');
  const program = has(units, 'software') || has(units, 'games') || has(units, 'messenger') || has(units, 'p2p');
  // "get Scratch on my laptop": the thing put on the machine is a program when the vocabulary does
  // not know it as something else (photos, files, data...).
  const onto = ONTO_DEVICE_RE.exec(question);
  const ontoProgram = !!onto && !contentStems(onto[1]).some((st) => units.some((u) => u.alternatives.get(st) === 1 && u.concepts.some((c) => !PROGRAM_CONCEPTS.includes(c.concept.id))));
  const installIntent = INSTALL_VERB_RE.test(question) || ontoProgram;
  if (!aboutProtection && !aboutData && (installIntent || (has(units, 'install') && program) || has(units, 'software'))) {
    return 'software';
  }
  if (has(units, 'own') && ['device', 'laptop', 'tablet', 'phone', 'computer'].some((id) => has(units, id))) return 'personal_device';
  return undefined;
}

function topicFor(units: QueryUnit[], nextStep: PolicyNextStep | undefined): PolicyTopic {
  if (nextStep === 'software') return 'software';
  if (nextStep === 'password_sharing') return 'passwords';
  if (nextStep === 'personal_device') return 'personal_devices';
  if (nextStep === 'lost_device') return 'lost_device';
  const tally = new Map<PolicyTopic, number>();
  for (const u of units) {
    for (const c of u.concepts) {
      if (c.concept.topic) tally.set(c.concept.topic, (tally.get(c.concept.topic) ?? 0) + (c.concept.weight ?? 1));
    }
  }
  let best: PolicyTopic = 'other';
  let bestScore = 0;
  for (const [t, s] of tally) {
    if (s > bestScore) {
      best = t;
      bestScore = s;
    }
  }
  return best;
}

function handoffFor(units: QueryUnit[], topic: PolicyTopic): HandoffRole {
  if (topic === 'data_protection') return 'dpc';
  if (['breach', 'dpc', 'data_protection_law', 'sar', 'ico', 'sharing_data'].some((id) => has(units, id))) return 'dpc';
  return 'it_manager';
}

const SECRET_VALUE_RE = /\bwhat(?:'?s|\s+is|\s+are)?\s+(?:the|our|my)?\s*(?:[\w-]+\s+){0,3}?(?:password|passcode|pin|code|login|key)s?\b(?!\s+(?:policy|polic|rules?|requirements?|length|strength))/i;
/**
 * Questions asking for a fact of a kind policies rarely state (an amount, a date or time, a named
 * person), and what a passage that states one looks like. Such a question is answered only when a
 * leading passage states one: otherwise the policy has the topic but not the answer.
 */
/** A count in digits or words ("one" is left out: it is too often a pronoun, "the correct one"). */
const COUNT = String.raw`\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred`;
const FACT_QUESTIONS: readonly { question: RegExp; passage: RegExp }[] = [
  // "how many attempts": a count, not "immediately".
  { question: /\bhow many\b/i, passage: new RegExp(String.raw`\b(?:${COUNT})\b`, 'i') },
  {
    question: /\b(how (much|long)|what (length|size)|minimum|maximum)\b/i,
    passage: new RegExp(String.raw`\b(?:${COUNT}|one|immediately|at once|annually|monthly|weekly|daily)\b`, 'i'),
  },
  {
    // "when is the deadline", "what time does the office close" (not "when is it ok to ...").
    question: /\bwhen (?:is|are) (?:the|our|my|next)\b|\bwhat time\b/i,
    passage: /\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)\b|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|\bo'?clock\b/i,
  },
  {
    // "who is our data protection officer": a name, not a role, is asked for.
    question: /\bwho(?:'s| is| are) (?:our|the|my)\b/i,
    passage: /\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+|[\w.+-]+@[\w-]+\.[\w.]+/,
  },
];

/**
 * Answers one question. Pure and synchronous; fast enough to call per message.
 */
export function answerQuestion(index: PolicyIndex, question: string): PolicyAnswer {
  const units = analyseQuestion(index, question);
  const nextStep = nextStepFor(units, question);
  const topic = topicFor(units, nextStep);
  const handoffRole = handoffFor(units, topic);
  if (units.length === 0 || index.passages.length === 0) {
    return { answered: false, passages: [], topic, nextStep, handoffRole, coverage: 0 };
  }
  const permission = PERMISSION_RE.test(question);
  const wanted = answerTypesOf(question);
  const alternatives = indexedAlternatives(index, units);
  const all = index.passages.map((p) => scorePassage(index, p, units, alternatives, permission, wanted));
  const soft = softMatches(index, units);
  if (soft) {
    // Soft matches move passages relative to the best lexical score, so they matter as much for any question.
    const top = Math.max(0, ...all.map((s) => s.score));
    const w = ANSWER_TUNING.softWeight * (top || 1);
    for (const s of all) s.score += w * soft[s.p.order] * shapeFactor(s.p, permission, wanted);
  }
  const focus = focusOf(index, units, alternatives);
  if (focus >= 0) for (const s of all) if (!s.matched.has(focus)) s.score *= ANSWER_TUNING.focusMissFactor;
  const scored = all.filter((s) => s.score > 0);
  scored.sort((a, b) => b.score - a.score || a.p.order - b.p.order);
  const top = scored.slice(0, ANSWER_TUNING.maxPassages);
  const best = top[0];
  const coverage = best ? Math.max(best.coverage, ANSWER_TUNING.unionDiscount * unionCoverage(units, top.slice(0, 3))) : 0;
  let answered = !!best && coverage >= ANSWER_TUNING.minCoverage;
  // When what is asked about is a known thing the policy never mentions, the rest of the question
  // must be covered well: matching "use" and "reports" does not answer "may I use ChatGPT for reports".
  if (answered && coverage < ANSWER_TUNING.missingSubjectCoverage && units.some((u) => u.missingSubject)) answered = false;
  // A policy never holds the value of a password or code, so a question asking for one is not covered.
  if (SECRET_VALUE_RE.test(question)) answered = false;
  for (const fact of FACT_QUESTIONS) {
    if (answered && fact.question.test(question) && !top.slice(0, 3).some((s) => fact.passage.test(s.p.passage.text))) answered = false;
  }
  return {
    answered,
    passages: top.map(toAnswerPassage),
    topic,
    nextStep,
    handoffRole,
    coverage: Math.round(coverage * 1000) / 1000,
  };
}

/** For diagnostics: the units of a question as readable text. */
export function explainQuestion(index: PolicyIndex, question: string): string {
  return analyseQuestion(index, question)
    .map((u) => `${u.label}${u.concepts.length ? `[${u.concepts.map((c) => c.concept.id).join('|')}]` : ''}${u.absent ? '!' : ''}${u.detail ? '^' : ''}${u.semanticBest !== undefined && u.absent ? `~${u.semanticBest.toFixed(2)}` : ''}:${u.importance.toFixed(2)}`)
    .join(' ');
}
