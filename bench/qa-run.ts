/**
 * Scores the question sets (../shared/qa/dev.jsonl and bench/questions/*.jsonl) through the code
 * path of `policy-desk ask`, with the semantics of ../shared/qa/score.mjs, in-sample and
 * leave-one-policy-out. Shared by `npm run bench:qa` and the CI test that guards its figures.
 *
 * Leave-one-policy-out hook: when the policy engine (src/domain/policy/index.ts) exports
 * `fit(training: readonly TrainingPolicy[]): F`, the bench fits once on every training policy
 * (in-sample) and once per policy without it (leave-one-policy-out), and answers with
 * `answerQuestion(index, question, fitted)`. Training questions are the development set's
 * (dev.jsonl), and for the ranking only, those of the sets in bench/questions (role `fitting`),
 * always of the policies other than the one scored in leave-one-policy-out; held-out sets
 * (PolicyQA in bench:vocabulary) are never given to `fit`. Without such an export nothing is
 * fitted, so leave-one-policy-out equals in-sample, and the report says so.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as engine from '../src/domain/policy/index.js';
import type { PolicyIndex } from '../src/domain/policy/policy-index.js';
import type { PolicyAnswer } from '../src/domain/policy/policy-types.js';
import { loadPolicyIndex, type LoadPolicyIndexOptions } from '../src/adapters/policy-files/policy-index-loader.js';
import { askAnswerLine, type AskAnswerLine } from '../src/cli/ask-lines.js';
import { holdsEvidence } from './evidence-match.js';

/** One question line of a set (the format of ../shared/qa/dev.jsonl). */
export interface QaQuestion {
  id: string;
  /** File name under ../shared/policies (may include a folder, e.g. extra/...). */
  policy: string;
  question: string;
  answerable: boolean;
  evidence: string[];
  topic?: string;
}

/** A question set and what it may be used for. */
export interface QaSet {
  name: string;
  file: string;
  /**
   * Development questions (dev.jsonl: the answering was built with them in view) are given to a fit;
   * fitting ones (bench/questions: written outside the engine) to the ranking's fit only, not the
   * abstention model's; held-out ones never are.
   */
  role: 'development' | 'fitting' | 'held-out';
  questions: QaQuestion[];
}

/** What a `fit` hook is given for one policy. */
export interface TrainingPolicy {
  policy: string;
  index: PolicyIndex;
  questions: QaQuestion[];
}

/** Counts as score.mjs keeps them, for one policy or a total. */
export interface Tally {
  questions: number;
  answerable: number;
  hit1: number;
  hit3: number;
  falseAbstain: number;
  outOfScope: number;
  abstainOk: number;
}

/** The key of the tallies of every set together, per document. */
export const ALL = 'all sets';

/** Tallies per set, then per policy (and `total`), for one way of fitting. */
export type ModeTallies = Record<string, Record<string, Tally>>;

/** Both ways of scoring, and the answer lines they came from. */
export interface QaReport {
  /** True when the engine exports a fit hook (so leave-one-policy-out differs from in-sample). */
  fitted: boolean;
  inSample: ModeTallies;
  lopo: ModeTallies;
  answers: { inSample: Record<string, AskAnswerLine[]>; lopo: Record<string, AskAnswerLine[]> };
  sets: QaSet[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** The project root, from bench/ or dist/bench/. */
export const projectRoot = [path.resolve(here, '../..'), path.resolve(here, '..')].find((d) => existsSync(path.join(d, 'package.json')))!;
/** ../shared beside the checkout. */
export const sharedDir = path.resolve(projectRoot, '../shared');
/** Where the recorded figures live. */
export const recordedFile = path.join(projectRoot, 'bench', 'qa-results.json');

/** The JSON objects of a JSON Lines file (blank lines skipped). */
export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/**
 * The questions of a set a fit is given. A fitting set's rank passages only: fitted on them too, the
 * abstention model's threshold fell (0.33 to 0.19) and it answered questions whose subject the policy
 * lacks ("can I bring my dog into school"); its out-of-scope questions were not written for declining.
 * Tried again on six documents (2026-12-02, bench/results.md): leave-one-policy-out declined no more
 * (40 of 56 either way) and wrongly declined more (6 to 8 of 214), so the abstention model stays on dev.jsonl.
 */
export function fitQuestions(s: QaSet): (QaQuestion & { rankingOnly?: boolean })[] {
  if (s.role === 'development') return s.questions;
  return s.role === 'fitting' ? s.questions.map((q) => ({ ...q, rankingOnly: true })) : [];
}

/**
 * The folders in the repository holding question sets: bench/questions and the blind sets scored once
 * and then committed as development data (bench/heldout-DATE/qa-*.jsonl, or bench/heldout-DATE-PART/ for a second set that day), oldest first.
 */
export function repoSetDirs(): { dir: string; only?: RegExp }[] {
  const bench = path.join(projectRoot, 'bench');
  const blind = readdirSync(bench).filter((n) => /^heldout-\d{4}-\d{2}-\d{2}(-[a-z]+)?$/.test(n)).sort();
  return [{ dir: path.join(bench, 'questions') }, ...blind.map((n) => ({ dir: path.join(bench, n), only: /^qa-/ }))];
}

/**
 * Where a question's policy is: a policy written for a committed set sits beside it in the repository
 * (bench/heldout-DATE/policy-*.txt); the others are under ../shared/policies.
 */
export function policyFile(policy: string): string {
  for (const { dir } of repoSetDirs()) if (existsSync(path.join(dir, policy))) return path.join(dir, policy);
  return path.join(sharedDir, 'policies', policy);
}

/** The development set from ../shared and every set in the repository (fitted on for the other policies). */
export function loadQaSets(): QaSet[] {
  const sets: QaSet[] = [{ name: 'dev', file: path.join(sharedDir, 'qa', 'dev.jsonl'), role: 'development', questions: [] }];
  for (const { dir, only } of repoSetDirs()) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl') && (!only || only.test(n))).sort()) {
      sets.push({ name: f.replace(/\.jsonl$/, ''), file: path.join(dir, f), role: 'fitting', questions: [] });
    }
  }
  for (const s of sets) s.questions = readJsonl<QaQuestion>(s.file);
  return sets;
}

const blank = (): Tally => ({ questions: 0, answerable: 0, hit1: 0, hit3: 0, falseAbstain: 0, outOfScope: 0, abstainOk: 0 });

/** Scores answer lines against questions exactly as score.mjs does; keys are policies and `total`. */
export function tally(questions: readonly QaQuestion[], answers: readonly AskAnswerLine[]): Record<string, Tally> {
  const byId = new Map(answers.map((a) => [a.id, a]));
  const out: Record<string, Tally> = {};
  const total = blank();
  for (const q of questions) {
    const s = (out[q.policy] ??= blank());
    const a = byId.get(q.id);
    const answered = a?.answered === true;
    for (const t of [s, total]) t.questions++;
    if (q.answerable) {
      const rank = answered ? (a?.passages ?? []).findIndex((p) => holdsEvidence(p.text ?? '', q.evidence)) : -1;
      for (const t of [s, total]) {
        t.answerable++;
        if (!answered) t.falseAbstain++;
        if (rank === 0) t.hit1++;
        if (rank >= 0 && rank < 3) t.hit3++;
      }
    } else {
      for (const t of [s, total]) {
        t.outOfScope++;
        if (!answered) t.abstainOk++;
      }
    }
  }
  out.total = total;
  return out;
}

type FitHook = (training: readonly TrainingPolicy[]) => unknown;
type Answerer = (index: PolicyIndex, question: string, fitted?: unknown) => PolicyAnswer;

/** The engine's fit hook, when it has one. */
export function fitHook(): FitHook | undefined {
  const f = (engine as Record<string, unknown>).fit;
  return typeof f === 'function' ? (f as FitHook) : undefined;
}

/** Answers every question of every set, in-sample and leave-one-policy-out, and tallies them. */
export async function runQa(sets: QaSet[] = loadQaSets(), options: LoadPolicyIndexOptions = {}): Promise<QaReport> {
  const policies = [...new Set(sets.flatMap((s) => s.questions.map((q) => q.policy)))].sort();
  const indexes = new Map<string, PolicyIndex>();
  for (const p of policies) indexes.set(p, await loadPolicyIndex(policyFile(p), options));
  const training = (without?: string): TrainingPolicy[] =>
    policies
      .filter((p) => p !== without)
      .map((p) => ({ policy: p, index: indexes.get(p)!, questions: sets.flatMap((s) => fitQuestions(s).filter((q) => q.policy === p)) }))
      .filter((t) => t.questions.length > 0);
  const fit = fitHook();
  const answer = engine.answerQuestion as Answerer;
  const ask = (q: QaQuestion, fitted: unknown): AskAnswerLine => askAnswerLine(q.id, answer(indexes.get(q.policy)!, q.question, fitted));

  const all = fit ? fit(training()) : undefined;
  // A policy with no development question is left out of every fit already.
  const trained = new Set(training().map((t) => t.policy));
  const perPolicy = new Map(policies.map((p) => [p, fit && trained.has(p) ? fit(training(p)) : all]));
  const report: QaReport = { fitted: Boolean(fit), inSample: {}, lopo: {}, answers: { inSample: {}, lopo: {} }, sets };
  for (const s of sets) {
    const inSample = s.questions.map((q) => ask(q, all));
    const lopo = fit ? s.questions.map((q) => ask(q, perPolicy.get(q.policy))) : inSample;
    report.answers.inSample[s.name] = inSample;
    report.answers.lopo[s.name] = lopo;
    report.inSample[s.name] = tally(s.questions, inSample);
    report.lopo[s.name] = tally(s.questions, lopo);
  }
  // Every set together, per document: the headline.
  const every = sets.flatMap((s) => s.questions);
  report.inSample[ALL] = tally(every, sets.flatMap((s) => report.answers.inSample[s.name]));
  report.lopo[ALL] = tally(every, sets.flatMap((s) => report.answers.lopo[s.name]));
  return report;
}

/** The recorded figures (bench/qa-results.json), or undefined before the bench has been run. */
export function readRecorded(): { fitted: boolean; inSample: ModeTallies; lopo: ModeTallies } | undefined {
  return existsSync(recordedFile) ? JSON.parse(readFileSync(recordedFile, 'utf8')) : undefined;
}

/** Where a fresh tally is worse than a recorded one by more than one question, as readable lines. */
export function drops(recorded: ModeTallies, fresh: ModeTallies, mode: string): string[] {
  const out: string[] = [];
  for (const [set, byPolicy] of Object.entries(recorded)) {
    for (const [policy, r] of Object.entries(byPolicy)) {
      const f = fresh[set]?.[policy];
      const where = `${mode} ${set} ${policy}`;
      if (!f || f.questions !== r.questions || f.answerable !== r.answerable) {
        out.push(`${where}: the questions changed (${r.questions} recorded, ${f?.questions ?? 0} now); re-run npm run bench:qa`);
        continue;
      }
      for (const k of ['hit1', 'hit3', 'abstainOk'] as const) if (f[k] < r[k] - 1) out.push(`${where}: ${k} ${f[k]} < recorded ${r[k]} - 1`);
      if (f.falseAbstain > r.falseAbstain + 1) out.push(`${where}: falseAbstain ${f.falseAbstain} > recorded ${r.falseAbstain} + 1`);
    }
  }
  return out;
}
