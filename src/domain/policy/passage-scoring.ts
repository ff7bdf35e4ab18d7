/**
 * The signals of a passage for a question (feature extraction): BM25 of the best alternative of
 * each kind per unit in the text, section title and list lead-in; the passage's shape (rule, lead-in
 * only, framing) and whether it gives the kind of answer asked for; coverage of the question's
 * weighted units; the question's focus.
 */
import type { IndexedPassage, PolicyIndex } from './policy-index.js';
import type { AlternativeKind, QueryUnit } from './question-units.js';
import { ANSWER_TUNING } from './answer-tuning.js';
import { RANK_FEATURES } from './ranker.js';
import { idf, textScore } from './bm25.js';
import { ngrams } from './policy-index.js';
import { contentStems, sentences, tokens } from './text.js';

/** A passage's signals for a question, and its score once ranked. */
export interface Scored {
  p: IndexedPassage;
  /** The passage's score: the fitted ranker's over its signals (set by the ranking stage). */
  score: number;
  coverage: number;
  /** Indexes of the units the passage matches. */
  matched: Set<number>;
  /** The ranking signals, in RANK_FEATURES order. */
  x: Float64Array;
  /** Sum of the lexical signals before they are scaled per question. */
  lexical: number;
}

/** How a passage reads, for weighing it beyond its words. */
interface PassageShape {
  /** States a rule: must / should / do not / not permitted / required... */
  rule: boolean;
  /** Only introduces a list ("Employees must not use the services to:"). */
  leadInOnly: boolean;
  /** Sits under an introduction, purpose or similar section that frames the policy rather than setting rules. */
  framing: boolean;
}

const RULE_RE = /\b(must|should|shall|required|requires|not permitted|permitted|prohibited|forbidden|not allowed|allowed|never|do not|don't|may not|cannot|not (?:to )?be|is not acceptable|are not to|not entitled|responsible for|will be (?:treated|liable|dealt))\b/i;
const FRAMING_TITLE_RE = /^(introduction|purposes?|principles|objectives?|aims?|background|overview|contents|policy details|revision history|declaration|.*\bdeclaration)$/i;
const shapes = new WeakMap<IndexedPassage, PassageShape>();

function shapeOf(p: IndexedPassage): PassageShape {
  let shape = shapes.get(p);
  if (!shape) {
    const text = p.passage.text;
    const titles = [p.section.title, p.section.parent?.title ?? ''].map((t) => t.replace(/^[\d.\s]+/, '').trim());
    shape = {
      rule: RULE_RE.test(text),
      leadInOnly: /:\s*$/.test(text) && text.split(/\s+/).length < 25,
      framing: FRAMING_TITLE_RE.test(titles[0]) && !p.passage.clause,
    };
    shapes.set(p, shape);
  }
  return shape;
}

/** A question asking whether something may or must be done ("can I ...", "do I need to ..."). */
export const PERMISSION_RE = /^\s*(?:\w+\s*,\s*)?(?:can|could|may|must|should|shall|am|are|is|do|does|would)\b|\b(?:allowed|ok(?:ay)?|permitted|alright|all right|fine|have to|need to|supposed to|rules?)\b/i;

/** A passage saying what to do next: usually, to report it to someone. */
const REPORT_STEP_RE = /\b(?:report(?:ed)?|inform(?:ed)?|notif(?:y|ied)|contact(?:ed)?|tell|told|alert(?:ed)?|escalate[ds]?)\b/i;

/**
 * What kind of answer a question asks for, and what a passage that gives one says: a "how often"
 * question is answered by a frequency, a "who do I tell" question by a person or role.
 */
const ANSWER_TYPES: readonly { question: RegExp; passage: RegExp }[] = [
  {
    question: /\bhow (?:often|frequently|regularly)\b|\bhow many times\b/i,
    passage: /\b(?:every|each|daily|weekly|monthly|termly|annually|yearly|once|twice|regularly|at least|per (?:day|week|month|term|year))\b/i,
  },
  {
    question: /\bwho(?:m)?\b|\b(?:report|tell|inform|notify|contact|ask|speak to|go to)\b[^?.]*\b(?:to|who)\b\s*[?.!]?\s*$/i,
    passage: /\b(?:manager|head ?teacher|head of|champion|officer|lead|leader|leadership|slt|ceo|governors?|trustees?|it (?:team|department|support|provider)|data protection|line manager|police|administrator|bursar|principal)\b/i,
  },
  {
    question: /\b(?:how (?:soon|quickly|long)|when|by when|what time|deadline)\b/i,
    passage: /\b(?:immediately|promptly|as soon as|without delay|within|hours?|days?|weeks?|months?|years?|before|after|until|deadline|at once)\b/i,
  },
  {
    // "lost my badge, what do I do": what to do next is usually to report it to someone.
    question: /\bwhat (?:do|should|shall|must|can) (?:i|we) do\b|\bwhat(?:'s| is| are) the (?:procedure|process|steps?)\b|\bwhat now\b/i,
    passage: REPORT_STEP_RE,
  },
  {
    question: /\bwhat happens\b|\b(?:in trouble|get sacked|sacked|fired|punish|disciplin|consequences?|penalt)/i,
    passage: /\b(?:disciplinary|dismissal|sanctions?|liable|misconduct|penalt(?:y|ies)|action (?:may|will) be taken|breach(?:es)? of (?:this|the) policy|criminal)\b/i,
  },
];

const ASKING_WORD_RE = /\b(?:what|how|who|when|where|why|which|can|could|may|should|must|allowed|ok|okay)\b/i;
const STATEMENT_OPENERS = new Set('can could may might must shall should is am are was were do does did will would how what whats who whom where when why which any anything ok okay legit need have'.split(' '));

/**
 * A message that tells what happened and asks nothing ("my school laptop got nicked from my
 * house"): no question mark, no word that asks, not opening as a question. Staff who write one
 * want to know what to do about it.
 */
export function isStatement(question: string): boolean {
  const first = tokens(question)[0];
  return !!first && !question.includes('?') && !STATEMENT_OPENERS.has(first.word) && !ASKING_WORD_RE.test(question);
}

/** The answer types a question asks for (usually none or one). */
export function answerTypesOf(question: string): readonly RegExp[] {
  return ANSWER_TYPES.filter((t) => t.question.test(question)).map((t) => t.passage);
}

/** Per unit, the alternatives the index holds at all (with their factors and kinds): only these can match a passage. */
export function indexedAlternatives(index: PolicyIndex, units: readonly QueryUnit[]): Alternative[][] {
  return units.map((u) => [...u.alternatives].filter(([alt]) => index.df.has(alt)).map(([alt, f]) => [alt, f, u.kinds.get(alt) ?? 'exact'] as Alternative));
}

/** An alternative of a unit: the stemmed n-gram, its factor and its kind. */
export type Alternative = readonly [string, number, AlternativeKind];

/**
 * The question's focus: of the units the policy has, the one that weighs most, taking its
 * importance times the idf of its best alternative (-1 when the policy has none). A passage
 * matching many weak units ("put", "laptop", "message") should not outrank the one on the thing
 * asked about ("WhatsApp": messenger software).
 */
export function focusOf(index: PolicyIndex, units: readonly QueryUnit[], alternatives: readonly (readonly Alternative[])[]): number {
  let focus = -1;
  let best = 0;
  units.forEach((u, i) => {
    if (u.absent || u.intent) return;
    const specificity = Math.max(0, ...alternatives[i].map(([alt, f]) => f * idf(index, alt)));
    if (u.importance * specificity > best) {
      best = u.importance * specificity;
      focus = i;
    }
  });
  return focus;
}

/** Feature positions, by name. */
const F = Object.fromEntries(RANK_FEATURES.map((n, i) => [n, i])) as Record<(typeof RANK_FEATURES)[number], number>;
const TEXT_FEATURE: Record<AlternativeKind, number> = { exact: F.text_exact, concept: F.text_concept, broader: F.text_broader, wordnet: F.text_wordnet, vector: F.text_vector };
/** The lexical features (text, title, lead-in), which are scaled per question by the best passage's sum. */
export const LEXICAL_FEATURES = RANK_FEATURES.map((_, i) => i).filter((i) => i <= F.lead_weak);

/**
 * The signals of one passage for a question (see RANK_FEATURES): per unit, the BM25 of its best
 * alternative of each kind in the text, and the idf of the best one in the section title and list
 * lead-in, weighted by the unit's weight; the passage's shape; the kind of answer it gives; and how
 * much of the question it covers. Soft match and focus are filled in by the ranking stage.
 */
export function scorePassage(
  index: PolicyIndex,
  p: IndexedPassage,
  units: QueryUnit[],
  alternatives: readonly (readonly Alternative[])[],
  permission: boolean,
  wanted: readonly RegExp[],
  statement = false,
): Scored {
  const x = new Float64Array(RANK_FEATURES.length);
  const text = new Float64Array(RANK_FEATURES.length);
  const credit = new Map<number, number>();
  const matched = new Set<number>();
  const { synonymFactor } = ANSWER_TUNING;
  let lexical = 0;
  units.forEach((u, i) => {
    text.fill(0);
    let strength = 0;
    for (const [alt, factor, kind] of alternatives[i]) {
      const t = textScore(index, p, alt);
      const k = TEXT_FEATURE[kind];
      if (t) text[k] = Math.max(text[k], factor * t);
      const inTitle = p.titleGrams.has(alt);
      const inLead = p.leadGrams.has(alt);
      if (inTitle || inLead) {
        const strong = kind === 'exact' || kind === 'concept';
        const v = factor * idf(index, alt);
        if (inTitle) text[strong ? F.title : F.title_weak] = Math.max(text[strong ? F.title : F.title_weak], v);
        if (inLead) text[strong ? F.lead : F.lead_weak] = Math.max(text[strong ? F.lead : F.lead_weak], v);
      }
      if (t || inTitle || inLead) strength = Math.max(strength, factor);
    }
    let any = 0;
    for (const j of LEXICAL_FEATURES) {
      x[j] += u.weight * text[j];
      any += text[j];
    }
    lexical += u.weight * any;
    if (any > 0) {
      // A match through a weaker alternative (a wider concept, a WordNet synonym) covers less.
      credit.set(i, Math.min(1, strength / synonymFactor));
      matched.add(i);
    }
  });
  const shape = shapeOf(p);
  const coverage = coverageOf(units, credit);
  x[F.coverage] = coverage;
  x[F.lead_in_only] = shape.leadInOnly ? 1 : 0;
  x[F.framing] = shape.framing ? 1 : 0;
  x[F.rule] = permission && shape.rule ? 1 : 0;
  // A list item is read with its lead-in: "if there has been a breach;" answers "who do I tell" through "contact the DPO in the following circumstances:".
  x[F.answer_type] = wanted.some((re) => re.test(p.passage.text) || (!!p.passage.leadIn && re.test(p.passage.leadIn))) ? 1 : 0;
  x[F.report_step] = statement && (REPORT_STEP_RE.test(p.passage.text) || (!!p.passage.leadIn && REPORT_STEP_RE.test(p.passage.leadIn))) ? 1 : 0;
  return { p, score: 0, coverage, matched, x, lexical };
}

export { F as RANK_FEATURE_INDEX };

/** Per passage: the n-grams of each of its sentences (a passage of one sentence has its own grams). */
const sentenceGramsCache = new WeakMap<IndexedPassage, readonly ReadonlySet<string>[]>();

function sentenceGrams(p: IndexedPassage): readonly ReadonlySet<string>[] {
  let grams = sentenceGramsCache.get(p);
  if (!grams) {
    const parts = sentences(p.passage.text);
    grams = parts.length > 1 ? parts.map((t) => new Set(ngrams(contentStems(t)).keys())) : [new Set(p.grams.keys())];
    sentenceGramsCache.set(p, grams);
  }
  return grams;
}

/**
 * Coverage of the question's units by the passage's best single sentence, each unit credited with
 * the factor of its best alternative there. A clause that states what is asked in one sentence
 * beats a neighbour whose words are spread over several ("Spoiled prints ... do not put them in the
 * bin" over a paragraph on printers, bins and paper). Only units the passage matches are looked up.
 */
export function sentenceCoverage(s: Scored, units: readonly QueryUnit[], alternatives: readonly (readonly Alternative[])[]): number {
  let best = 0;
  for (const grams of sentenceGrams(s.p)) {
    const credit = new Map<number, number>();
    for (const i of s.matched) {
      let c = 0;
      for (const [alt, factor] of alternatives[i]) if (factor > c && grams.has(alt)) c = Math.min(1, factor);
      if (c) credit.set(i, c);
    }
    if (credit.size) best = Math.max(best, coverageOf(units, credit));
  }
  return best;
}

/**
 * Importance-weighted share of the question's units matched (credit 0..1 per unit index). Once
 * the core of the question is matched, scene-setting details count for little.
 */
export function coverageOf(units: readonly QueryUnit[], credit: ReadonlyMap<number, number>): number {
  const coreMatched = units.some((u, i) => (credit.get(i) ?? 0) > 0 && !u.detail && !u.intent && u.importance >= 0.5);
  let total = 0;
  let covered = 0;
  units.forEach((u, i) => {
    const c = credit.get(i) ?? 0;
    const importance = u.detail && coreMatched && !c ? u.importance * ANSWER_TUNING.detailFactor : u.importance;
    total += importance;
    covered += importance * c;
  });
  return total ? covered / total : 0;
}

/** Share of the units' importance matched by any of the given passages. */
export function unionCoverage(units: QueryUnit[], scored: Scored[]): number {
  const credit = new Map<number, number>();
  units.forEach((_, i) => {
    if (scored.some((s) => s.matched.has(i))) credit.set(i, 1);
  });
  return coverageOf(units, credit);
}
