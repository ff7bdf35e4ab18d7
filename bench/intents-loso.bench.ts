/**
 * Leave-one-set-out measure of the intent recogniser on the six labelled sets of everyday messages
 * (bench/intent-sets/, bench/heldout-2026-12-02/), two ways:
 * - as shipped: the recogniser learns the hand-written corpus only (so each set is unseen by the
 *   classifier; the calibrated settings were fitted on sets 1–4, so for those four the figure is
 *   in-sample for five numbers, and their misses were read during development);
 * - learning the sets: each set scored by a recogniser that learned the corpus and the other five
 *   sets, never the set it is scored on (same calibrated settings).
 * The held-out fixture (test/fixtures/intents/heldout.jsonl, never learned from nor fitted on) is
 * scored both ways; learning the sets, less the messages whose texts the fixture has too (the sets
 * repeat the issue's own examples: "nvm", "my reqs", "what can u do").
 * Writes its section of bench/intents-results.md. Run with `npm run bench:intents-loso`.
 */
import path from 'node:path';
import { readCalibration } from '../src/adapters/intent/intent-files.js';
import { PROJECT_ROOT } from '../src/config.js';
import { HELD_OUT, LABELLED, loadSets, recogniseSet, trainWithout, type Run } from './intent-fitting.js';
import { pct } from './intent-scores.js';
import { writeSection } from './results-file.js';

const started = Date.now();
const sets = await loadSets(LABELLED);
const [heldOut] = await loadSets([HELD_OUT]);
const calibration = readCalibration();
const shipped = await trainWithout([], { labelled: false });

const rows: Array<{ name: string; shipped: Run; learning: Run }> = [];
for (const entry of sets) {
  rows.push({ name: entry.set.name, shipped: await recogniseSet(entry, shipped, calibration), learning: await recogniseSet(entry, await trainWithout([entry.set]), calibration) });
  console.error(`${entry.set.name}: ${rows.at(-1)!.shipped.scores.right} / ${rows.at(-1)!.learning.scores.right} of ${entry.cases.length}`);
}
rows.push({ name: HELD_OUT.name, shipped: await recogniseSet(heldOut, shipped, calibration), learning: await recogniseSet(heldOut, await trainWithout([], { unseen: [heldOut] }), calibration) });

const cell = (r: Run) => `${r.scores.right}/${r.scores.total} (${pct(r.scores.right, r.scores.total)}), small talk to policy ${r.scores.smallTalkToPolicy}`;
const sum = (runs: Run[]) => ({ right: runs.reduce((n, r) => n + r.scores.right, 0), total: runs.reduce((n, r) => n + r.scores.total, 0) });
const six = rows.slice(0, LABELLED.length);
const all = (pick: (r: (typeof rows)[number]) => Run) => {
  const s = sum(six.map(pick));
  return `${s.right}/${s.total} (${pct(s.right, s.total)})`;
};
const perIntent = (pick: (r: (typeof rows)[number]) => Run) => {
  const totals = new Map<string, { right: number; total: number }>();
  for (const row of six) {
    for (const [intent, t] of pick(row).scores.perIntent) {
      const was = totals.get(intent) ?? { right: 0, total: 0 };
      totals.set(intent, { right: was.right + t.right, total: was.total + t.total });
    }
  }
  return totals;
};
const shippedPer = perIntent((r) => r.shipped);
const learningPer = perIntent((r) => r.learning);
const lines = [
  '## Leave-one-set-out (`npm run bench:intents-loso`)',
  '',
  `Intent right per labelled set, scored by a recogniser that did not learn that set: as shipped (learns the corpus only; its settings were fitted on sets 1–4, whose misses were also read during development) and learning the other five sets as utterances (same settings). ${new Date().toISOString().slice(0, 10)}, ${Math.round((Date.now() - started) / 1000)} s.`,
  '',
  '| set | as shipped (corpus only) | learning the other five sets |',
  '|---|---|---|',
  ...rows.map((r) => `| ${r.name} | ${cell(r.shipped)} | ${cell(r.learning)} |`),
  `| all six | ${all((r) => r.shipped)} | ${all((r) => r.learning)} |`,
  '',
  '| intent (all six sets) | as shipped | learning the other five |',
  '|---|---|---|',
  ...[...shippedPer.keys()].sort().map((intent) => `| ${intent} | ${shippedPer.get(intent)!.right}/${shippedPer.get(intent)!.total} | ${learningPer.get(intent)!.right}/${learningPer.get(intent)!.total} |`),
  '',
  '### Misses as shipped, by set',
  '',
  ...rows.flatMap((r) => r.shipped.scores.misses.filter((m) => !m.includes(' slot ')).map((m) => `- ${r.name}: ${m.slice(2)}`)),
];
writeSection('intents-loso', lines, path.join(PROJECT_ROOT, 'bench', 'intents-results.md'));
console.log(lines.slice(0, 18).join('\n'));
