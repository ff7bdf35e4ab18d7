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

/** The clauses of a message worth scoring alone; empty when the message is one clause. */
export function clausesOf(text: string): string[] {
  const clauses = text
    .split(BREAK)
    .map((c) => c.trim())
    .filter((c) => {
      const words = tokenize(c);
      return words.length >= MIN_WORDS && words.some((t) => !FUNCTION_WORDS.has(t.lower));
    });
  return clauses.length > 1 || (clauses.length === 1 && clauses[0] !== text.trim()) ? clauses : [];
}
