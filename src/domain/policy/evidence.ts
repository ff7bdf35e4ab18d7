/**
 * How the question-set scorer (../shared/qa/score.mjs) decides that a quoted passage holds the gold
 * evidence; shared by fitting the ranker, the benchmarks and the policy tests.
 */

/** Lower case, no punctuation, single spaces: the scorer's normalisation. */
export function normalise(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether the text holds any eight consecutive words (or the whole, if shorter) of an evidence string. */
export function holdsEvidence(text: string, evidence: readonly string[]): boolean {
  const p = ` ${normalise(text)} `;
  return evidence.some((e) => {
    const w = normalise(e).split(' ').filter(Boolean);
    const need = Math.min(8, w.length);
    for (let i = 0; i + need <= w.length; i++) if (p.includes(` ${w.slice(i, i + need).join(' ')} `)) return true;
    return false;
  });
}
