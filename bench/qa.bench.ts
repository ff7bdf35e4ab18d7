/**
 * `npm run bench:qa`: scores every question set on every policy through the `policy-desk ask` code
 * path, in-sample and leave-one-policy-out side by side (see qa-run.ts), checks the figures against
 * ../shared/qa/score.mjs itself, prints the tables and records them in bench/results.md (its
 * "Question sets" section) and bench/qa-results.json (read by the CI test that guards them).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPolicyIndex } from '../src/adapters/policy-files/policy-index-loader.js';
import { loadWordVectors } from '../src/adapters/policy-files/word-vectors.js';
import { RESULTS_MD, writeSection } from './results-file.js';
import { ALL, loadQaSets, policyFile, projectRoot, recordedFile, runQa, sharedDir, type QaReport, type Tally } from './qa-run.js';

const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');
const cell = (n: number, d: number): string => (d ? `${pct(n, d)} (${n}/${d})` : '–');

/** One markdown table for a set: each policy and the total, in-sample | leave-one-policy-out. */
function table(report: QaReport, set: string): string {
  const rows = [
    '| policy | questions | hit@1 in-sample | hit@1 LOPO | hit@3 in-sample | hit@3 LOPO | abstain in-sample | abstain LOPO | false abstain in-sample | false abstain LOPO |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [policy, i] of Object.entries(report.inSample[set])) {
    const l: Tally = report.lopo[set][policy];
    rows.push(
      `| ${policy === 'total' ? '**total**' : policy} | ${i.questions} (${i.outOfScope} out of scope) | ${cell(i.hit1, i.answerable)} | ${cell(l.hit1, l.answerable)} | ${cell(i.hit3, i.answerable)} | ${cell(l.hit3, l.answerable)} | ${cell(i.abstainOk, i.outOfScope)} | ${cell(l.abstainOk, l.outOfScope)} | ${cell(i.falseAbstain, i.answerable)} | ${cell(l.falseAbstain, l.answerable)} |`,
    );
  }
  return rows.join('\n');
}

/** Runs score.mjs on the answers and fails loudly if its per-policy figures differ from ours. */
function crossCheck(report: QaReport): void {
  const scorer = path.join(sharedDir, 'qa', 'score.mjs');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-qa-'));
  try {
    for (const mode of ['inSample', 'lopo'] as const) {
      for (const s of report.sets) {
        const answers = path.join(tmp, `${s.name}-${mode}.jsonl`);
        writeFileSync(answers, report.answers[mode][s.name].map((a) => JSON.stringify(a)).join('\n') + '\n');
        const out = JSON.parse(execFileSync(process.execPath, [scorer, '--questions', s.file, '--answers', answers, '--json'], { encoding: 'utf8' }));
        for (const [policy, r] of Object.entries(out.policies) as [string, { hit1: number; hit3: number; abstain: number; falseAbstain: number }][]) {
          const t = report[mode][s.name][policy];
          const ratio = (a: number, b: number): number => (b ? a / b : 1);
          const ours = [ratio(t.hit1, t.answerable), ratio(t.hit3, t.answerable), ratio(t.abstainOk, t.outOfScope), ratio(t.falseAbstain, t.answerable)];
          const theirs = [r.hit1, r.hit3, r.abstain, r.falseAbstain];
          if (ours.some((v, k) => Math.abs(v - theirs[k]) > 1e-9)) throw new Error(`score.mjs disagrees on ${s.name} ${policy} (${mode}): ${theirs} vs ${ours}`);
        }
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const ABOUT: Record<string, string> = {
  [ALL]: 'Every question of the sets below on each document: its leave-one-policy-out column is scored with nothing fitted on that document\'s questions (the vocabulary and question reading were still written with some of them in view).',
  'qa-blind-5a':
    'Blind set of 2026-12-02 on a policy written for it (bench/heldout-2026-12-02/README.md): scored once outside the repository, then committed as development data. The policy text is in the repository beside it.',
  'qa-blind-5b': 'As qa-blind-5a, on a second policy written for the set (Markdown, unnumbered headings, tables, an appendix).',
  'qa-blind-5-known': 'The same blind set\'s 13 answerable and 4 out-of-scope questions on each of the four known documents (bench/heldout-2026-12-02/README.md).',
  dev: 'The development set in ../shared/qa: the answering was built with it in view, so even its leave-one-policy-out figure is not held out.',
  'staff-handbook':
    'Written before the engine was first run on the staff handbook (see bench/questions/README.md); a policy the engine was never built around. Since 2026-12-02 the ranking is fitted on it too (never the abstention model): the in-sample figure is fitted on these questions, leave-one-policy-out is the held-out one.',
  'trust-heldout':
    'Fresh questions on the three trust policies, written without the dev answers or engine output (see bench/questions/README.md). Since 2026-12-02 the ranking is fitted on them too (never the abstention model): the in-sample figure is fitted on these questions, leave-one-policy-out is the held-out one.',
};

async function main(): Promise<void> {
  if (!existsSync(sharedDir)) throw new Error(`${sharedDir} is missing: the question sets score policies kept there`);
  // Figures recorded without the vectors would be the lexical engine's and lower the CI floor.
  if (!loadWordVectors()) throw new Error('the word-vector cache is missing: run `npm run build` first');
  const started = Date.now();
  const report = await runQa(loadQaSets());
  crossCheck(report);
  const lines = [
    '## Question sets, in-sample and leave-one-policy-out (`npm run bench:qa`)',
    '',
    `Date: ${new Date().toISOString()}. Each set answered through the \`policy-desk ask\` code path and scored with ../shared/qa/score.mjs semantics (checked against score.mjs itself). Word vectors loaded.`,
    report.fitted
      ? 'Leave-one-policy-out (LOPO): the engine exports `fit` (src/domain/policy/ranker-training.ts); every policy is scored with what was fitted on the questions of the other policies only. ' +
        'Fitted: the ranking weights over the passage signals (listwise, near a prior fitted on ../shared/qa/external/policyqa-dev alone: no school question; on every set below), the abstention model (logistic regression, on dev.jsonl only) and its threshold (calibrated out of fold: the middle, in log-odds, of the gap between scores with the best balanced accuracy declining at most 5% of each policy\'s covered questions). ' +
        'In-sample is the model that ships (`node dist/bench/fit-ranker.js` writes it to ranker-weights.json). Not fitted: the feature extraction (vocabulary, BM25, word-vector thresholds, question reading), written with the development set in view, which LOPO cannot undo.'
      : '**Leave-one-policy-out equals in-sample: the engine exports no `fit` hook, so nothing is fitted per policy.** The hand-set constants and vocabulary were still written with the development set in view, which LOPO cannot undo.',
    '',
  ];
  lines.push(`### Every set together, per document (the headline: ${Object.keys(report.inSample[ALL]).length - 1} documents)`, '', ABOUT[ALL], '', table(report, ALL), '');
  for (const s of report.sets) lines.push(`### ${s.name} (${s.role})`, '', ABOUT[s.name] ?? '', '', table(report, s.name), '');
  lines.push(
    '### Indexing each policy (read, ingest, index; language data already loaded; median of 5)',
    '',
    `Load average while measuring: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores (the machine is shared; on a loaded machine these times are inflated).`,
    '',
    '| policy | median | target |',
    '|---|---|---|',
  );
  for (const policy of Object.keys(report.inSample[ALL]).filter((p) => p !== 'total')) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await loadPolicyIndex(policyFile(policy));
      times.push(performance.now() - t0);
    }
    lines.push(`| ${policy} | ${times.sort((a, b) => a - b)[2].toFixed(1)} ms | ≤ 500 ms |`);
  }
  lines.push('');
  lines.push(`Run time: ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  console.log(lines.join('\n'));

  writeSection('qa', lines);
  writeFileSync(recordedFile, JSON.stringify({ fitted: report.fitted, inSample: report.inSample, lopo: report.lopo }, null, 1) + '\n');
  console.log(`\nrecorded in ${path.relative(projectRoot, RESULTS_MD)} and ${path.relative(projectRoot, recordedFile)}`);
}

main().catch((err: unknown) => {
  console.error(`bench:qa: ${(err as Error)?.message ?? String(err)}`);
  process.exitCode = 1;
});
