/**
 * Cost of taught answers: the time one question takes to be compared with every taught question
 * of a trust (the layer the bot runs before the policy's own answer), against the answer itself,
 * on the largest trust policy with WordNet and word vectors loaded (warm, as in the bot).
 * Writes bench/teaching-results.md. Run with `npm run bench:teaching`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadPolicyIndex } from '../src/adapters/policy-files/policy-index-loader.js';
import { median, percentile } from './results-file.js';
import { answerQuestion } from '../src/domain/policy/answer.js';
import { findTaughtAnswer, type TaughtAnswer } from '../src/domain/teaching/taught-answer.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = [path.resolve(here, '../..'), path.resolve(here, '..')].find((d) => existsSync(path.join(d, 'package.json')))!;
const shared = path.resolve(root, '../shared');
const POLICY = '003_c530122b98f30b11.txt';

const questionsOf = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { question: string }).question);

/** Median and 95th percentile (ms) of `run` over every question, after one warm-up pass. */
function time(questions: readonly string[], run: (q: string) => unknown): { median: number; p95: number } {
  for (const q of questions) run(q);
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of questions) {
      const start = performance.now();
      run(q);
      times.push(performance.now() - start);
    }
  }
  return { median: median(times), p95: percentile(times, 0.95) };
}

async function main(): Promise<void> {
  const index = await loadPolicyIndex(path.join(shared, 'policies', POLICY));
  const asked = [...questionsOf(path.join(shared, 'qa', 'dev.jsonl')), ...questionsOf(path.join(root, 'bench/questions/trust-heldout.jsonl'))];
  // Taught questions: the handbook set's questions, and more of them reworded, as a busy trust might collect.
  const pool = questionsOf(path.join(root, 'bench/questions/staff-handbook.jsonl'));
  const taughtFrom = (n: number): TaughtAnswer[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `t${i}`,
      trustId: 'bench',
      questions: [{ questionId: `q${i}`, text: i < pool.length ? pool[i] : `${pool[i % pool.length]} (${Math.floor(i / pool.length)})` }],
      kind: 'reply' as const,
      reply: 'Ask the IT team.',
      taughtBy: 'bench',
      taughtAt: '2026-12-02T00:00:00.000Z',
      state: 'active' as const,
    }));
  const rows: string[] = [];
  const answer = time(asked, (q) => answerQuestion(index, q));
  rows.push(`| the policy's own answer (for comparison) | – | ${answer.median.toFixed(2)} ms | ${answer.p95.toFixed(2)} ms |`);
  for (const n of [10, 50, 200]) {
    const taught = taughtFrom(n);
    const t = time(asked, (q) => findTaughtAnswer(index, taught, q));
    rows.push(`| compared with every taught question | ${n} | ${t.median.toFixed(2)} ms | ${t.p95.toFixed(2)} ms |`);
  }
  const load = os.loadavg()[0].toFixed(1);
  const text = [
    '# Taught answers: cost per question',
    '',
    `Written by \`npm run bench:teaching\` (bench/teaching.bench.ts) on ${new Date().toISOString().slice(0, 10)}.`,
    `Policy ${POLICY} (the largest trust policy), WordNet and word vectors loaded once (warm); ${asked.length} questions`,
    '(dev and trust-heldout), each timed 3 times after a warm-up pass. Taught questions are the staff-handbook set',
    'questions, repeated with a suffix past its size.',
    `Load average while measuring: ${load} on ${os.cpus().length} cores (the machine is shared; times are inflated under load).`,
    '',
    '| what | taught answers | median | p95 |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(path.join(root, 'bench', 'teaching-results.md'), text);
  console.log(text);
}

await main();
