/**
 * Mends one-letter typing slips in a question ("somone", "pasword", "recieve"): staff often type
 * on a phone. A word is mended only when nothing knows it as it is, and the mending is a single
 * dropped, added, changed or swapped letter that makes a word the answering knows (a word of the
 * policy, of the vocabulary, or a common word). Pure.
 */

/** Shortest word worth mending: short words have too many neighbours. */
const MIN_LENGTH = 5;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Every string one edit away from the word, except edits at its end (a dropped or added last letter is more often a different word: "canva", "canvas"). */
function oneEditAway(word: string): string[] {
  const out: string[] = [];
  const n = word.length;
  for (let i = 0; i < n; i++) {
    if (i < n - 1) out.push(word.slice(0, i) + word.slice(i + 1));
    if (i + 1 < n) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    for (const c of LETTERS) {
      if (c !== word[i]) out.push(word.slice(0, i) + c + word.slice(i + 1));
      if (i > 0) out.push(word.slice(0, i) + c + word.slice(i));
    }
  }
  return out;
}

/**
 * The question with mistyped words replaced. `known` says whether a word is a real word as it
 * is; `dictionary` holds the words a mistyped one may be mended to.
 */
export function mendTypos(question: string, known: (word: string) => boolean, dictionary: ReadonlySet<string>): string {
  return question.replace(/[A-Za-z]+/g, (word) => {
    const lower = word.toLowerCase();
    if (lower.length < MIN_LENGTH || dictionary.has(lower) || known(lower)) return word;
    const mended = oneEditAway(lower).find((w) => dictionary.has(w));
    return mended ?? word;
  });
}
