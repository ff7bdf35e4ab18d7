/** Whether the best passages answer the question, or the policy does not cover it. */
import type { QueryUnit } from './question-units.js';
import type { Scored } from './passage-scoring.js';
import { ANSWER_TUNING } from './answer-tuning.js';

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
 * Whether to answer: the best passage (or the best three together, at a discount) covers enough of
 * the question, a missing subject is made up for by covering the rest well, no secret value is
 * asked for, and a question asking for a fact gets a leading passage that states one.
 */
export function decideAnswered(question: string, units: readonly QueryUnit[], top: readonly Scored[], coverage: number): boolean {
  const best = top[0];
  let answered = !!best && coverage >= ANSWER_TUNING.minCoverage;
  // When what is asked about is a known thing the policy never mentions, the rest of the question
  // must be covered well: matching "use" and "reports" does not answer "may I use ChatGPT for reports".
  if (answered && coverage < ANSWER_TUNING.missingSubjectCoverage && units.some((u) => u.missingSubject)) answered = false;
  // A policy never holds the value of a password or code, so a question asking for one is not covered.
  if (SECRET_VALUE_RE.test(question)) answered = false;
  for (const fact of FACT_QUESTIONS) {
    if (answered && fact.question.test(question) && !top.slice(0, 3).some((s) => fact.passage.test(s.p.passage.text))) answered = false;
  }
  return answered;
}
