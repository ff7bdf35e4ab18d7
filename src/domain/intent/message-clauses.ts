/**
 * A message's clauses. Staff often put what they want in one clause and their reasons in the
 * others ("back from the course, ill take over approving again"; "can rebecca do my approvals
 * until tuesday, im at the hospital with my mum"). The reasons are words no example of any intent
 * uses, so on the whole message they hide the request; scored on its own, the clause that carries
 * the request is recognised as its examples are.
 */
import { FUNCTION_WORDS, tokenize } from './field-lexicon.js';

/**
 * Where English clauses meet: punctuation, a dash between words, and the conjunctions that join a
 * reason, a contrast or a time to a main clause.
 */
const BREAK = /[,;:.!?()\n]+|\s[-–—]+\s|\b(?:because|cos|coz|since|so|while|whilst|but|though|although|as|and|then|otherwise)\b/giu;

/** A clause needs this many words, one of them not a function word, to be scored alone. */
const MIN_WORDS = 3;

/**
 * The clauses of a message worth scoring alone; empty when the message is one clause. With a test
 * of verbs, an infinitive of purpose ("need access to arbor to put behaviour points in": "to" and a
 * verb after a word that is not a verb) is left out: it gives the person's reasons, not the
 * request. After a verb ("need to install") the infinitive is what is asked for, and stays.
 */
export function clausesOf(text: string, isVerb?: (word: string) => boolean): string[] {
  const clauses = text
    .split(BREAK)
    .map((c) => (isVerb ? beforePurpose(c, isVerb) : c))
    .map((c) => c.trim())
    .filter((c) => {
      const words = tokenize(c);
      return words.length >= MIN_WORDS && words.some((t) => !FUNCTION_WORDS.has(t.lower));
    });
  return clauses.length > 1 || (clauses.length === 1 && clauses[0] !== text.trim()) ? clauses : [];
}

/** A clause without the infinitive of purpose it ends with: that part is the person's reasons. */
function beforePurpose(clause: string, isVerb: (word: string) => boolean): string {
  const words = tokenize(clause);
  for (let i = 1; i + 1 < words.length; i++) {
    const before = words[i - 1].lower;
    if (words[i].lower === 'to' && isVerb(words[i + 1].lower) && !FUNCTION_WORDS.has(before) && !isVerb(before)) return clause.slice(0, words[i].start);
  }
  return clause;
}
