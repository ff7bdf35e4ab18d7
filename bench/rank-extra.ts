/** Candidate ranking signals screened by rank-experiment.ts (not used by the engine). */
import type { PolicyIndex } from '../src/domain/policy/policy-index.js';
import type { Scored } from '../src/domain/policy/passage-scoring.js';
import { coverageOf } from '../src/domain/policy/passage-scoring.js';
import type { QueryUnit } from '../src/domain/policy/question-units.js';
import { ngrams } from '../src/domain/policy/policy-index.js';
import { contentStems, sentences, tokens } from '../src/domain/policy/text.js';

type Fn = (index: PolicyIndex, q: string, units: QueryUnit[], s: Scored, all: Scored[]) => number;

const RULE_RE = /\b(must|should|shall|required|requires|not permitted|permitted|prohibited|forbidden|not allowed|allowed|never|do not|don't|may not|cannot|not (?:to )?be|is not acceptable|are not to|not entitled|responsible for|will be (?:treated|liable|dealt))\b/i;
const REPORT_RE = /\b(?:report(?:ed)?|inform(?:ed)?|notif(?:y|ied)|contact(?:ed)?|tell|told|alert(?:ed)?|escalate[ds]?)\b/i;
const OPENERS = new Set('can could may might must shall should is am are was were do does did will would how what whats who whom where when why which any anything ok okay legit need have'.split(' '));
const WH = /\b(?:what|how|who|when|where|why|which|can|could|may|should|must|allowed|ok|okay)\b/i;

function isStatement(q: string): boolean {
  const w = tokens(q);
  return !q.includes('?') && !!w.length && !OPENERS.has(w[0].word) && !WH.test(q);
}

const SUBJ = new Set('i we you to can could may should must need needs want wants allowed have has will would do does did im'.split(' '));
const verbCache = new Map<string, string[]>();
export function questionVerbs(index: PolicyIndex, q: string): string[] {
  const hit = verbCache.get(q);
  if (hit) return hit;
  const toks = tokens(q);
  const out: string[] = [];
  const isVerbish = (w: string) => {
    const sc = index.synonyms?.senseCounts?.(w);
    return !sc || sc.other > 0;
  };
  toks.forEach((t, i) => {
    if (t.stop) return;
    const prev = toks[i - 1];
    if ((i === 0 || (prev && SUBJ.has(prev.word))) && isVerbish(t.word)) out.push(t.word);
  });
  verbCache.set(q, out);
  return out;
}

function bestSim(index: PolicyIndex, word: string, s: Scored): number {
  const sem = index.semantic;
  if (!sem) return 0;
  const v = sem.vectors.vector(word);
  if (!v) return 0;
  const rows = sem.passageRows[s.p.order];
  let best = 0;
  for (let k = 0; k < rows.length; k++) {
    const at = rows[k] * sem.dimensions;
    let d = 0;
    for (let j = 0; j < sem.dimensions; j++) d += sem.matrix[at + j] * v[j];
    if (d > best) best = d;
  }
  return best;
}

const sentenceGrams = new WeakMap<Scored['p'], Set<string>[]>();
function sentenceCoverage(units: QueryUnit[], s: Scored, ctx = false, mode: 'cov' | 'weight' = 'cov'): number {
  let sg = sentenceGrams.get(s.p);
  if (!sg) sentenceGrams.set(s.p, (sg = sentences(s.p.passage.text).map((t) => new Set(ngrams(contentStems(t)).keys()))));
  let best = 0;
  for (const g0 of sg) {
    const credit = new Map<number, number>();
    units.forEach((u, i) => {
      let c = 0;
      for (const [alt, f] of u.alternatives) if (g0.has(alt) || (ctx && (s.p.titleGrams.has(alt) || s.p.leadGrams.has(alt)))) c = Math.max(c, Math.min(1, f));
      if (c) credit.set(i, c);
    });
    if (mode === 'cov') best = Math.max(best, coverageOf(units, credit));
    else {
      let t = 0, c = 0;
      units.forEach((u, i) => { t += u.weight; c += u.weight * (credit.get(i) ?? 0); });
      best = Math.max(best, t ? c / t : 0);
    }
  }
  return best;
}

function positionInSection(s: Scored): number {
  return s.p.section.passages.indexOf(s.p.passage);
}

export const EXTRA: { name: string; fn: Fn }[] = [
  { name: 'rule_any', fn: (_i, _q, _u, s) => (RULE_RE.test(s.p.passage.text) ? 1 : 0) },
  { name: 'statement_procedure', fn: (_i, q, _u, s) => (isStatement(q) && (REPORT_RE.test(s.p.passage.text) || REPORT_RE.test(s.p.passage.leadIn ?? '')) ? 1 : 0) },
  { name: 'section_first', fn: (_i, _q, _u, s) => (positionInSection(s) === 0 ? 1 : 0) },
  {
    name: 'first_rule',
    fn: (_i, _q, _u, s) => {
      if (!RULE_RE.test(s.p.passage.text)) return 0;
      const ps = s.p.section.passages;
      return ps.findIndex((p) => RULE_RE.test(p.text)) === ps.indexOf(s.p.passage) ? 1 : 0;
    },
  },
  { name: 'sentence_cov', fn: (_i, _q, u, s) => sentenceCoverage(u, s) },
  {
    name: 'verb_sim',
    fn: (i, q, _u, s) => {
      const vs = questionVerbs(i, q);
      if (!vs.length) return 0;
      return Math.max(...vs.map((v) => bestSim(i, v, s)));
    },
  },
  { name: 'log_length', fn: (_i, _q, _u, s) => Math.log(1 + s.p.length) / 4 },
  { name: 'lead_rule', fn: (_i, _q, _u, s) => (s.p.passage.leadIn && RULE_RE.test(s.p.passage.leadIn) ? 1 : 0) },
  { name: 'cov_minus_sentence', fn: (_i, _q, u, s) => s.coverage - sentenceCoverage(u, s) },
  { name: 'sentence_cov_ctx', fn: (_i, _q, u, s) => sentenceCoverage(u, s, true) },
  { name: 'sentence_weight', fn: (_i, _q, u, s) => sentenceCoverage(u, s, false, 'weight') },
  { name: 'sentence_weight_ctx', fn: (_i, _q, u, s) => sentenceCoverage(u, s, true, 'weight') },
  { name: 'about_policy', fn: (_i, _q, _u, s) => (/\b(?:this|the) (?:policy|document|procedure|guidance|code)\b[^.]{0,40}\b(?:applies|sets out|deals with|covers|explains|describes|outlines|is intended|aims)\b/i.test(s.p.passage.text) ? 1 : 0) },
];
