/**
 * Leave-one-set-out measure of the intent recogniser on the six labelled sets of everyday messages
 * (bench/intent-sets/, bench/heldout-2026-12-02/), two ways, with the shipped settings
 * (calibration.json, fitted cross-fitted on all six, so the scored set took part in choosing its
 * five numbers, through recognitions by a model that had not learned it):
 * - corpus only: the recogniser learns the hand-written corpus alone;
 * - as shipped: each set scored by a recogniser that learned the corpus and the other five sets,
 *   never the set it is scored on.
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
const corpusOnly = await trainWithout([], { labelled: false });

const rows: Array<{ name: string; corpusOnly: Run; learning: Run }> = [];
for (const entry of sets) {
  rows.push({ name: entry.set.name, corpusOnly: await recogniseSet(entry, corpusOnly, calibration), learning: await recogniseSet(entry, await trainWithout([entry.set]), calibration) });
  console.error(`${entry.set.name}: ${rows.at(-1)!.corpusOnly.scores.right} / ${rows.at(-1)!.learning.scores.right} of ${entry.cases.length}`);
}
// The fixture learned nothing of: the shipped recogniser less the sets' messages whose texts the fixture has too.
rows.push({ name: HELD_OUT.name, corpusOnly: await recogniseSet(heldOut, corpusOnly, calibration), learning: await recogniseSet(heldOut, await trainWithout([], { unseen: [heldOut] }), calibration) });

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
const corpusOnlyPer = perIntent((r) => r.corpusOnly);
const learningPer = perIntent((r) => r.learning);
const lines = [
  '## Leave-one-set-out (`npm run bench:intents-loso`)',
  '',
  `Intent right per labelled set, scored by a recogniser that did not learn that set: learning the corpus only, and learning the corpus and the other five sets (as shipped). Both with the shipped settings (calibration.json, fitted cross-fitted on all six sets: the scored set took part in choosing those five numbers). ${new Date().toISOString().slice(0, 10)}, ${Math.round((Date.now() - started) / 1000)} s.`,
  '',
  '| set | corpus only | learning the other five sets (as shipped) |',
  '|---|---|---|',
  ...rows.map((r) => `| ${r.name} | ${cell(r.corpusOnly)} | ${cell(r.learning)} |`),
  `| all six | ${all((r) => r.corpusOnly)} | ${all((r) => r.learning)} |`,
  '',
  '| intent (all six sets) | corpus only | learning the other five (as shipped) |',
  '|---|---|---|',
  ...[...corpusOnlyPer.keys()].sort().map((intent) => `| ${intent} | ${corpusOnlyPer.get(intent)!.right}/${corpusOnlyPer.get(intent)!.total} | ${learningPer.get(intent)!.right}/${learningPer.get(intent)!.total} |`),
  '',
  '### Misses as shipped (learning the other five sets), by set',
  '',
  ...rows.flatMap((r) => r.learning.scores.misses.filter((m) => !m.includes(' slot ')).map((m) => `- ${r.name}: ${m.slice(2)}`)),
];
writeSection('intents-loso', lines, path.join(PROJECT_ROOT, 'bench', 'intents-results.md'));
console.log(lines.slice(0, 18).join('\n'));
