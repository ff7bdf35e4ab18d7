/**
 * A question as weighted "units": each concept of the vocabulary it mentions (matched on stemmed
 * phrases, all the concept's words then count) and each remaining content word, with WordNet
 * synonyms and word-vector neighbours as weaker alternatives.
 */
import { contentStems, isParticleStem, tokens, type Token } from './text.js';
import type { CompiledConcept, PolicyIndex } from './policy-index.js';
import { ANSWER_TUNING } from './answer-tuning.js';
import { idf } from './bm25.js';
import { DetailTracker, readQuestion } from './question-reading.js';
import { nearestStems } from './semantic-match.js';

/**
 * How an alternative relates to the question: its own words (or the vocabulary term it used), another
 * term of the same concept, a term of a wider concept, a WordNet synonym, a word-vector neighbour.
 */
export type AlternativeKind = 'exact' | 'concept' | 'broader' | 'wordnet' | 'vector';

/** One part of a question: alternatives (stemmed n-grams) any of which satisfies it. */
export interface QueryUnit {
  label: string;
  alternatives: Map<string, number>;
  /** How each alternative relates to the question's words (a separate signal in ranking). */
  kinds: Map<string, AlternativeKind>;
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
  /** The missing subject is one such policies leave to others (pay, parking, staff leave: an off-topic concept). */
  leftToOthers?: boolean;
}

/** WordNet noun kinds that set a scene: times, people, places. */
const SCENE_KINDS = new Set(['noun.time', 'noun.person', 'noun.location']);

const ROLE_CONCEPTS = ['head', 'slt', 'line_manager', 'it_team', 'ceo', 'dpc'];

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
  const { toks, clauseStarts, asking } = readQuestion(index, question);
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
  const knows = index.synonyms?.knows?.bind(index.synonyms);
  const detail = new DetailTracker(toks, clauseStarts, (words) => !!knows?.(words));
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
        existing.kinds.set(span, 'exact');
        for (const w of spanWords) if (!existing.words.includes(w)) existing.words.push(w);
        if (!inDetail) existing.detail = false;
        if (asking[i]) inAsking.add(existing);
        // "staff id badge": the term ending the run heads it, even when an earlier term was the same concept.
        if (!inDetail && !objectOfAction && endsRun(i + len)) heads.add(existing);
      } else {
        const alternatives = new Map<string, number>();
        const kinds = new Map<string, AlternativeKind>();
        for (const c of matched) {
          for (const id of c.concept.broader ?? []) {
            for (const p of index.conceptsById.get(id)?.phrases ?? []) {
              alternatives.set(p, ANSWER_TUNING.broaderFactor);
              kinds.set(p, 'broader');
            }
          }
        }
        for (const c of matched) {
          for (const p of c.phrases) {
            alternatives.set(p, ANSWER_TUNING.synonymFactor);
            kinds.set(p, 'concept');
          }
        }
        alternatives.set(span, 1);
        kinds.set(span, 'exact');
        const weight = Math.max(...matched.map((c) => c.concept.weight ?? 1));
        units.push({ label: span, alternatives, kinds, concepts: matched, weight, importance: weight, absent: false, words: spanWords, detail: inDetail });
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
    const kinds = new Map<string, AlternativeKind>([[s, 'exact']]);
    const generic = index.genericStems.has(s);
    if (!generic && index.synonyms) {
      // Words the vocabulary lacks: WordNet's synonyms and derived forms count, for less.
      for (const syn of index.synonyms.synonyms(t.word)) {
        const key = contentStems(syn).join(' ');
        if (key && !alternatives.has(key) && !index.genericStems.has(key)) {
          alternatives.set(key, ANSWER_TUNING.wordnetFactor);
          kinds.set(key, 'wordnet');
        }
      }
    }
    let semanticBest: number | undefined;
    if (!generic && index.semantic) {
      // Words of the policy close in meaning count too, for less the further they are.
      const { near, best } = nearestStems(index, t.word, ANSWER_TUNING.vectorThreshold, ANSWER_TUNING.vectorNeighbours);
      semanticBest = best;
      for (const [stem, sim] of near) {
        if (!alternatives.has(stem) && !index.genericStems.has(stem)) {
          alternatives.set(stem, ANSWER_TUNING.vectorFactor * sim);
          kinds.set(stem, 'vector');
        }
      }
    }
    const w = generic ? ANSWER_TUNING.genericImportance : 1;
    units.push({ label: s, alternatives, kinds, concepts: [], weight: w, importance: w, absent: false, semanticBest, words: [t.word], detail: inDetail });
    // The last word of a run of content words heads it ("laptop charger"): what the run is about.
    if (!generic && !inDetail && !afterAction && endsRun(i)) heads.add(units[units.length - 1]);
    if (asking[i - 1]) inAsking.add(units[units.length - 1]);
  }
  // "Who ...?" asks for a person or role: passages naming one are preferred (not counted as coverage).
  if (/\bwho(m)?\b|\bwhich person\b/i.test(question)) {
    const alternatives = new Map<string, number>();
    const kinds = new Map<string, AlternativeKind>();
    for (const id of ROLE_CONCEPTS) {
      for (const p of index.conceptsById.get(id)?.phrases ?? []) {
        alternatives.set(p, 1);
        kinds.set(p, 'concept');
      }
    }
    if (alternatives.size) units.push({ label: 'who', alternatives, kinds, concepts: [], weight: 0.5, importance: 0, absent: false, intent: true, words: [] });
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
      // Words naming a subject policies like this leave to other policies ("annual leave": staff
      // leave), none of whose terms this policy uses, are that subject, and it is missing: even when
      // a wider concept sharing the words is present by another of its terms ("away" for absence).
      const offTopicMissing = u.concepts.some((c) => c.concept.offTopic && !c.phrases.some((p) => index.df.has(p)));
      u.missingSubject = !context && !u.detail && u.weight >= 1 && ((!present && (offTopic || heads.has(u))) || offTopicMissing);
      u.leftToOthers = u.missingSubject && offTopicMissing;
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
