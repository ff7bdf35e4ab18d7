/** Candidate abstention signals screened by bench/abstain-experiment.ts (name → features of a record). */
import { RANK_FEATURE_INDEX as F } from '../src/domain/policy/passage-scoring.js';
import type { Rec } from './abstain-experiment.js';

const content = (r: Rec) => r.units.filter((u) => !u.intent);
const total = (r: Rec) => content(r).reduce((s, u) => s + u.importance, 0) || 1;
function margin(r: Rec): number {
  return r.top.length > 1 ? r.top[0].score - r.top[1].score : r.top.length ? 1 : 0;
}
function absentMax(r: Rec): number {
  return Math.max(0, ...content(r).filter((u) => u.absent).map((u) => u.importance)) / total(r);
}
/** The share of the question's importance in units the best passage leaves unmatched, each weighed by how far its word is from any policy word. */
function farUnmatched(r: Rec): number {
  const best = r.top[0];
  if (!best) return 1;
  let s = 0;
  r.units.forEach((u, i) => {
    if (u.intent || best.matched.has(i)) return;
    s += u.importance * (1 - Math.max(0, u.semanticBest ?? 0));
  });
  return s / total(r);
}
function semMin(r: Rec): number {
  const xs = content(r).filter((u) => !u.detail).map((u) => (u.semanticBest === undefined || u.semanticBest < 0 ? 1 : u.semanticBest));
  return xs.length ? Math.min(...xs) : 1;
}
/** The best passage matches the question's most important unit. */
function mainMatched(r: Rec): number {
  const best = r.top[0];
  if (!best) return 0;
  let k = -1;
  r.units.forEach((u, i) => {
    if (!u.intent && (k < 0 || u.importance > r.units[k].importance)) k = i;
  });
  return k >= 0 && best.matched.has(k) ? 1 : 0;
}
const bx = (r: Rec, j: number) => r.top[0]?.x[j] ?? 0;

export const CANDIDATES = (_recs: Rec[]): Record<string, (r: Rec) => number[]> => ({
  current: (r) => [...Array.from(r.current)],
  'current+margin': (r) => [...Array.from(r.current), margin(r)],
  'current+top': (r) => [...Array.from(r.current), r.top[0]?.score ?? 0],
  'current+absentMax': (r) => [...Array.from(r.current), absentMax(r)],
  'current+farUnmatched': (r) => [...Array.from(r.current), farUnmatched(r)],
  'current+semMin': (r) => [...Array.from(r.current), semMin(r)],
  'current+mainMatched': (r) => [...Array.from(r.current), mainMatched(r)],
  'current+sentence': (r) => [...Array.from(r.current), bx(r, F.sentence)],
  'current+focus': (r) => [...Array.from(r.current), bx(r, F.focus)],
  'current+section': (r) => [...Array.from(r.current), bx(r, F.section_text)],
  'current+soft': (r) => [...Array.from(r.current), bx(r, F.soft)],
  'current+answerType': (r) => [...Array.from(r.current), bx(r, F.answer_type)],
  'current+rule': (r) => [...Array.from(r.current), bx(r, F.rule)],
  'current+top+answerType': (r) => [...Array.from(r.current), r.top[0]?.score ?? 0, bx(r, F.answer_type)],
  'current+top+absentMax+focus': (r) => [...Array.from(r.current), r.top[0]?.score ?? 0, absentMax(r), bx(r, F.focus)],
  'current+all': (r) => [...Array.from(r.current), margin(r), r.top[0]?.score ?? 0, absentMax(r), farUnmatched(r), semMin(r), mainMatched(r), bx(r, F.sentence), bx(r, F.focus), bx(r, F.section_text), bx(r, F.soft)],
});
