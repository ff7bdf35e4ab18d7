/**
 * `npm run bench:vocabulary`: what each part of the concept vocabulary (src/domain/policy/vocabulary.json)
 * is worth. Every question set is answered with the whole vocabulary, with none of it, and with
 * each group left out, in-sample and leave-one-policy-out (qa-run.ts: the model is refitted for each
 * variant, from the shipped prior, as bench:qa fits it), plus the PolicyQA external set (answered
 * with the model fitted on the school sets; none of its questions is fitted).
 * Prints the totals and records them in bench/vocabulary-results.md.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CONCEPTS, VOCABULARY_GROUPS, VOCABULARY_SOURCES, type Concept } from '../src/domain/policy/vocabulary.js';
import { loadQaSets, projectRoot, readJsonl, runQa, sharedDir, type QaQuestion, type QaSet, type Tally } from './qa-run.js';

/** The PolicyQA questions as a held-out set whose policies sit beside the shared ones. */
function policyQaSet(): QaSet {
  const dir = path.join(sharedDir, 'qa', 'external', 'policyqa-dev');
  const file = path.join(dir, 'questions.jsonl');
  const questions = readJsonl<QaQuestion>(file).map((q) => ({ ...q, policy: path.relative(path.join(sharedDir, 'policies'), path.join(dir, 'policies', q.policy)) }));
  return { name: 'policyqa', file, role: 'held-out', questions };
}

const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)}` : '-');
/** hit@1 / hit@3 / abstain / false abstain of a tally, in percent. */
const figures = (t: Tally): string => [pct(t.hit1, t.answerable), pct(t.hit3, t.answerable), pct(t.abstainOk, t.outOfScope), pct(t.falseAbstain, t.answerable)].join(' / ');

async function main(): Promise<void> {
  const variants: [string, readonly Concept[]][] = [
    ['whole vocabulary (shipped)', CONCEPTS],
    ['none of it', []],
    ...VOCABULARY_GROUPS.map((g): [string, readonly Concept[]] => [`without "${g}"`, CONCEPTS.filter((c) => c.group !== g)]),
  ];
  const sets = [...loadQaSets(), policyQaSet()];
  const rows: string[] = [];
  for (const [name, concepts] of variants) {
    const started = Date.now();
    const report = await runQa(sets, { concepts });
    const cells = sets.flatMap((s) => (s.role === 'development' ? [report.lopo[s.name].total] : s.name === 'policyqa' ? [report.inSample[s.name].total] : [report.inSample[s.name].total, report.lopo[s.name].total]));
    rows.push(`| ${name} (${concepts.length} concepts) | ${cells.map(figures).join(' | ')} |`);
    console.log(`${rows.at(-1)} ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const header = sets.flatMap((s) => (s.role === 'development' ? [`${s.name} LOPO`] : s.name === 'policyqa' ? ['PolicyQA (fitted on the school sets)'] : [`${s.name} in-sample`, `${s.name} LOPO`]));
  const out = [
    '# What the concept vocabulary is worth (`npm run bench:vocabulary`)',
    '',
    `Date: ${new Date().toISOString()}. Each cell: hit@1 / hit@3 / abstain / false abstain, in percent (abstain "-": no out-of-scope questions). ` +
      'For each variant the ranker and abstention model are refitted from the shipped prior (fitted on PolicyQA with the whole vocabulary) as bench:qa fits them (the ranking on every in-repo set, the abstention model on ../shared/qa/dev.jsonl), ' +
      'in-sample and leave-one-policy-out (a policy left out is fitted on the other policies\' questions only); PolicyQA is never fitted on.',
    '',
    `Sources of the entries: ${Object.keys(VOCABULARY_SOURCES).map((s) => `"${s}" (${CONCEPTS.filter((c) => c.source === s).length} concepts)`).join(', ')}. ` +
      'So "none of it" is the hand part off.',
    '',
    `| variant | ${header.join(' | ')} |`,
    `|---|${header.map(() => '---').join('|')}|`,
    ...rows,
    '',
  ].join('\n');
  writeFileSync(path.join(projectRoot, 'bench', 'vocabulary-results.md'), out);
  console.log('recorded in bench/vocabulary-results.md');
}

await main();
