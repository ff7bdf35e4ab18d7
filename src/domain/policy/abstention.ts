/** Whether the best passages answer the question, or the policy does not cover it. */
import type { QueryUnit } from './question-units.js';
import type { PolicyIndex } from './policy-index.js';
import { answersAspect, askedAspect, FREQUENCY_QUESTION } from './aspect.js';
import { LEXICAL_FEATURES, RANK_FEATURE_INDEX, unionCoverage, type Scored } from './passage-scoring.js';
import { ABSTAIN_FEATURES, coverProbability, type RankerModel } from './ranker.js';

const SECRET_VALUE_RE = /\bwhat(?:'?s|\s+is|\s+are)?\s+(?:the|our|my)?\s*(?:[\w-]+\s+){0,3}?(?:password|passcode|pin|code|login|key)s?\b(?!\s+(?:policy|polic|rules?|requirements?|length|strength))/i;
/**
 * Questions asking for a fact of a kind policies rarely state (how often, an amount, a date or time,
 * a named person), and what a passage that states one looks like. Such a question is answered only when a
 * leading passage states one: otherwise the policy has the topic but not the answer.
 */
/** A count in digits or words ("one" is left out: it is too often a pronoun, "the correct one"). */
const COUNT = String.raw`\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred`;
const FACT_QUESTIONS: readonly { question: RegExp; passage: RegExp }[] = [
  {
    // "how often do I change it": a frequency ("every term", "weekly", "twice a year"), not only that it changes.
    question: FREQUENCY_QUESTION,
    passage: /\b(?:every\s+(?:\d+\s+|few\s+|other\s+)?(?:day|week|month|term|half[- ]term|year|time|session|lesson)s?|daily|weekly|fortnightly|monthly|termly|annually|yearly|regularly|frequently|(?:once|twice|\w+ times) (?:a|an|per|each|every) \w+|per (?:day|week|month|term|year))\b/i,
  },
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
 * A question about money changing hands (who pays, claiming it back, insurance, expenses, a cost),
 * and what a passage that speaks of money looks like. Policies like these seldom say who pays, and
 * a clause that names no payment, cost, claim or insurance does not answer it however well its other
 * words match ("does the trust pay for my broadband" and a clause on working from home). "Claiming to
 * be from IT" and "pay attention" are not money.
 */
const MONEY_QUESTION = /\b(?:pay|pays|paid|paying|payment|claim|claims|claiming|reimburs\w*|refund\w*|insured|insurance|expenses?|compensat\w*|costs?)\b(?!\s+(?:to\s+(?:be|come)|attention|heed)\b)/i;
const MONEY_PASSAGE = /\b(?:pay|pays|paid|paying|payments?|claims?|claimed|claiming|reimburs\w*|refund\w*|insur\w*|expenses?|compensat\w*|costs?|charged?|charges|fees?|fines?|pric\w+|purchas\w*)\b|£/i;
/** A message asking something by its form (an auxiliary or wh-word first, or a question mark), not telling what happened ("... saying to pay in bitcoin"). */
const ASKS_RE = /^\s*(?:\w+\s*,\s*)?(?:can|could|may|might|must|should|shall|am|are|is|do|does|did|will|would|have|has|who(?:'?s)?|what(?:'?s)?|when(?:'?s)?|where|why|how|which)\b|\?/i;

/** Abstention feature positions, by name. */
const A = Object.fromEntries(ABSTAIN_FEATURES.map((n, i) => [n, i])) as Record<(typeof ABSTAIN_FEATURES)[number], number>;

/**
 * The signals of whether the policy covers a question (ABSTAIN_FEATURES order), from its units and
 * best passages (all zero when there is none).
 */
export function abstentionFeatures(units: QueryUnit[], top: readonly Scored[]): Float64Array {
  const x = new Float64Array(ABSTAIN_FEATURES.length);
  const best = top[0];
  if (!best) return x;
  x[A.coverage] = best.coverage;
  x[A.union_coverage] = unionCoverage(units, top.slice(0, 3));
  x[A.missing_subject] = units.some((u) => u.missingSubject) ? 1 : 0;
  let total = 0;
  let absent = 0;
  let weight = 0;
  for (const u of units) {
    if (u.intent) continue;
    total += u.importance;
    weight += u.weight;
    if (u.absent) absent += u.importance;
  }
  x[A.absent_share] = total ? absent / total : 0;
  const lexical = LEXICAL_FEATURES.reduce((sum, j) => sum + best.x[j], 0);
  x[A.exact_share] = lexical ? best.x[RANK_FEATURE_INDEX.text_exact] / lexical : 0;
  // BM25 per unit of the question: how strongly, not only how widely, the best passage matches.
  x[A.lexical_strength] = weight ? Math.log1p(best.lexical / weight) : 0;
  return x;
}

/**
 * Whether to answer: the fitted model says the best passages cover the question. Four checks of
 * meaning stay rules: a policy never holds the value of a password or code, so a question asking
 * for one is never taken as covered; a question about a subject such policies leave to others (pay,
 * parking, staff leave) that this policy never names is not covered, however well its other words
 * match; a question asking for a fact (how often, a count, a date, a name) is covered only when a
 * leading passage states one (a period or a deadline for "how long", read by aspect.ts); and a
 * question about money (who pays, claiming back, insurance) only when a leading passage speaks of money.
 */
export function decideAnswered(index: PolicyIndex, question: string, units: readonly QueryUnit[], top: readonly Scored[], features: ArrayLike<number>, model: RankerModel): boolean {
  if (!top.length || SECRET_VALUE_RE.test(question) || units.some((u) => u.leftToOthers)) return false;
  if (FACT_QUESTIONS.some((f) => f.question.test(question) && !top.slice(0, 3).some((s) => f.passage.test(s.p.passage.text)))) return false;
  if (MONEY_QUESTION.test(question) && ASKS_RE.test(question) && !top.slice(0, 3).some((s) => MONEY_PASSAGE.test(s.p.passage.text))) return false;
  // "How long do we keep it" wants a period and "how long do I have to" a deadline: a year or a section number is neither.
  const aspect = askedAspect(question);
  if ((aspect === 'duration' || aspect === 'deadline') && !top.slice(0, 3).some((s) => answersAspect(s.p, aspect, index))) return false;
  return coverProbability(model, features) >= model.abstain.threshold;
}
