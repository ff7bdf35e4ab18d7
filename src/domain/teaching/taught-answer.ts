/**
 * What a policy owner taught the bot for a question, and how a new question finds it. Pure: the
 * store and the Teams layer are elsewhere.
 */
import { sectionLabel } from '../policy/answer.js';
import type { IndexedPassage, PolicyIndex } from '../policy/policy-index.js';
import type { AnswerPassage, PolicyAnswer } from '../policy/policy-types.js';
import { collapseWhitespace } from '../policy/text.js';
import { prepareQuestion, questionSimilarity, SAME_QUESTION, type PreparedQuestion } from './question-similarity.js';

/** The clause a taught answer quotes: where it was, and its words (how it is found again after a reload). */
export interface TaughtClause {
  sectionId: string;
  passageId: string;
  /** "4.2 Software", as the answer card labels it. */
  label: string;
  text: string;
}

/** One thing the policy owner taught: a clause that answers a question, or a reply when the policy does not cover it. */
export interface TaughtAnswer {
  id: string;
  trustId: string;
  /** The questions it was taught for (the first, and any confirmed since), with the recorded question's id. */
  questions: { questionId: string; text: string }[];
  kind: 'clause' | 'reply';
  clause?: TaughtClause;
  /** The owner's reply, when the policy does not cover the question. */
  reply?: string;
  taughtBy: string;
  taughtAt: string;
  state: 'active' | 'forgotten' | 'dropped';
  /** When and by whom it was undone. */
  forgotten?: { by: string; at: string };
  /** When a policy reload removed its clause. */
  dropped?: { at: string };
}

/** A taught answer found for a new question. */
export interface TaughtMatch {
  taught: TaughtAnswer;
  similarity: number;
  /** The clause as the current policy has it (kind `clause`). */
  passage?: AnswerPassage;
}

/**
 * The passage of the current policy a taught clause stands for: the same words in the same
 * section, else the same words anywhere (the section was renumbered); undefined when the words
 * are gone.
 */
export function locateClause(index: PolicyIndex, clause: TaughtClause): IndexedPassage | undefined {
  const withText = passagesByText(index).get(collapseWhitespace(clause.text)) ?? [];
  return withText.find((p) => p.section.id === clause.sectionId) ?? withText[0];
}

const byText = new WeakMap<PolicyIndex, Map<string, IndexedPassage[]>>();

/** The index's passages by their words, built once per index (questions check taught clauses often). */
function passagesByText(index: PolicyIndex): Map<string, IndexedPassage[]> {
  let map = byText.get(index);
  if (!map) {
    map = new Map();
    for (const p of index.passages) {
      const key = collapseWhitespace(p.passage.text);
      map.set(key, [...(map.get(key) ?? []), p]);
    }
    byText.set(index, map);
  }
  return map;
}

/** A taught clause as the answer card quotes it. */
export function clauseOf(p: IndexedPassage): TaughtClause {
  return { sectionId: p.section.id, passageId: p.passage.id, label: sectionLabel(p), text: p.passage.text };
}

/** The indexed passage as an answer passage (what the answer card and records hold). */
export function answerPassageOf(p: IndexedPassage): AnswerPassage {
  const out: AnswerPassage = { section: sectionLabel(p), sectionTitle: p.section.title, text: p.passage.text, score: 1, source: p.document.name, passageId: p.passage.id };
  const number = p.section.number ?? p.section.parent?.number;
  if (number) out.sectionNumber = number;
  if (p.passage.clause) out.clause = p.passage.clause;
  if (p.passage.leadIn) out.leadIn = p.passage.leadIn;
  return out;
}

/** Prepared taught questions per index (a reload builds a new index, so these go with the old one). */
const prepared = new WeakMap<PolicyIndex, Map<string, PreparedQuestion>>();

function preparedFor(index: PolicyIndex, text: string): PreparedQuestion {
  let cache = prepared.get(index);
  if (!cache) prepared.set(index, (cache = new Map()));
  let p = cache.get(text);
  if (!p) cache.set(text, (p = prepareQuestion(index, text)));
  return p;
}

/**
 * The active taught answer for a question: the one taught for the most similar question, when
 * that question is the same one in other words (see SAME_QUESTION). A clause the current policy
 * no longer holds is skipped.
 */
export function findTaughtAnswer(index: PolicyIndex, taught: readonly TaughtAnswer[], question: string): TaughtMatch | undefined {
  const asked = prepareQuestion(index, question);
  let best: TaughtMatch | undefined;
  for (const t of taught) {
    if (t.state !== 'active') continue;
    const passage = t.kind === 'clause' && t.clause ? locateClause(index, t.clause) : undefined;
    if (t.kind === 'clause' && !passage) continue;
    const similarity = Math.max(...t.questions.map((q) => questionSimilarity(asked, preparedFor(index, q.text), SAME_QUESTION)));
    if (similarity >= SAME_QUESTION && (!best || similarity > best.similarity)) {
      best = { taught: t, similarity, ...(passage ? { passage: answerPassageOf(passage) } : {}) };
    }
  }
  return best;
}

/**
 * The answer the bot gives: the policy's own answer, unless the owner taught one for this
 * question (or one like it). A taught clause is quoted alone; a taught reply keeps "the policy
 * doesn't cover this". The question's topic, next step and hand-off stay the policy's reading.
 */
export function answerWithTeaching(index: PolicyIndex, taught: readonly TaughtAnswer[], question: string, answer: PolicyAnswer): { answer: PolicyAnswer; taught?: TaughtMatch } {
  const match = taught.length ? findTaughtAnswer(index, taught, question) : undefined;
  if (!match) return { answer };
  if (match.passage) return { answer: { ...answer, answered: true, passages: [match.passage], coverage: 1 }, taught: match };
  return { answer: { ...answer, answered: false, passages: [] }, taught: match };
}
