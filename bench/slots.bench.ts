/**
 * Slot accuracy per slot key on the intent fitting sets (bench/intent-sets/, each with its trust)
 * and on the held-out set, two ways: with the intent the recogniser chose (what `policy-desk route`
 * gives, so a wrong intent's slots count), and with the set's own intent
 * (`recogniser.slotsFor(text, intent)`: the slot finder alone). A slot found that was not expected
 * counts as wrong. Writes its section of bench/intents-results.md. Run with `npm run bench:slots`;
 * `--misses` also prints the labelled-intent misses.
 *
 * The sets, their trusts and "now" are bench/intent-fitting.ts's.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { createIntentRecogniser } from '../src/adapters/intent/intent-files.js';
import { loadTrustFile } from '../src/adapters/trust-file/load-trust.js';
import type { Recognition } from '../src/domain/intent/intent-recogniser.js';
import { HELD_OUT, LABELLED, type MessageSet } from './intent-fitting.js';
import { jsonLines, pct, scoreIntents, type IntentScores, type LabelledMessage } from './intent-scores.js';

// Development sets not (yet) learned: scored with the shipped recogniser, which never saw them.
const DEC_2 = new Date('2026-12-02T10:00:00Z');
const UNLEARNED: MessageSet[] = [9, 10]
  .map((n) => ({ name: `blind ${n} (not learned)`, file: path.join(PROJECT_ROOT, 'bench', 'heldout-2026-12-02-pm', `intents-blind-${n}.jsonl`), trust: path.join(PROJECT_ROOT, 'bench', 'heldout-2026-12-02-pm', `trust-${n}.json`), now: DEC_2 }))
  .filter((s) => !LABELLED.some((l) => l.file === s.file));
// The labelled sets the recogniser learns from, the development sets it has not learned, then the held-out fixture it never sees.
const SETS = [...LABELLED, ...UNLEARNED, HELD_OUT];
const SLOT_KEYS = ['software', 'device', 'to', 'system', 'from', 'until', 'lostOrStolen'];

const cell = (s: IntentScores, key?: string) => {
  const t = key ? (s.perSlot.get(key) ?? { right: 0, total: 0 }) : { right: s.slotRight, total: s.slotTotal };
  return t.total === 0 ? '–' : `${t.right}/${t.total}`;
};

const rows: string[] = [];
const misses: string[] = [];
const totals = { routed: [0, 0], labelled: [0, 0] };
for (const set of SETS) {
  const cases = jsonLines<LabelledMessage>(readFileSync(set.file, 'utf8'));
  const recogniser = await createIntentRecogniser(await loadTrustFile(set.trust));
  const options = { now: set.now, senderId: set.senderId };
  const routed = new Map<string, Recognition>();
  const labelled = new Map<string, Pick<Recognition, 'slots'>>();
  for (const c of cases) {
    routed.set(c.id, await recogniser.recognise(c.text, options));
    labelled.set(c.id, recogniser.slotsFor(c.text, c.intent, options));
  }
  const byRoute = scoreIntents(cases, (c) => routed.get(c.id));
  // Scored as if every intent were right: only the slot side can miss.
  const byLabel = scoreIntents(cases, (c) => ({ intent: c.intent, slots: labelled.get(c.id)!.slots }));
  totals.routed[0] += byRoute.slotRight;
  totals.routed[1] += byRoute.slotTotal;
  totals.labelled[0] += byLabel.slotRight;
  totals.labelled[1] += byLabel.slotTotal;
  for (const [how, s] of [['routed', byRoute], ['labelled intent', byLabel]] as const) {
    rows.push(`| ${set.name} | ${how} | ${how === 'routed' ? `${s.right}/${s.total}` : '–'} | ${cell(s)} (${pct(s.slotRight, s.slotTotal)}) | ${SLOT_KEYS.map((k) => cell(s, k)).join(' | ')} |`);
  }
  const text = new Map(cases.map((c) => [c.id, c.text]));
  misses.push(`${set.name}:`, ...byLabel.misses.map((m) => `${m} («${text.get(m.split(' ')[1])}»)`));
}

const section = [
  '<!-- bench:slots start -->',
  '## Slots per slot key (`npm run bench:slots`)',
  '',
  'Each set with its trust; the labelled sets at now = 2026-12-02T10:00:00Z (the day their date labels assume),',
  'the held-out set at 2026-12-01T10:00:00Z as Alex Wilber. "routed":',
  'the slots of the intent the recogniser chose; "labelled intent": the slots read for the set\'s own',
  'intent, the slot finder alone. A slot found that was not expected counts as wrong, under its key.',
  '"intents right" is the shipped recogniser\'s, which learned the labelled sets: in-sample (`npm run bench:intents-loso` scores each set unlearned).',
  '',
  `| set | read with | intents right | all slots | ${SLOT_KEYS.join(' | ')} |`,
  `|---|---|---|---|${SLOT_KEYS.map(() => '---|').join('')}`,
  ...rows,
  '',
  `Fitting sets and held-out together: routed ${totals.routed[0]}/${totals.routed[1]} (${pct(totals.routed[0], totals.routed[1])}), labelled intent ${totals.labelled[0]}/${totals.labelled[1]} (${pct(totals.labelled[0], totals.labelled[1])}).`,
  '<!-- bench:slots end -->',
].join('\n');

console.log(section);
if (process.argv.includes('--misses')) console.log(`\n${misses.join('\n')}`);
if (!process.argv.includes('--no-write')) {
  const resultsFile = path.join(PROJECT_ROOT, 'bench', 'intents-results.md');
  const old = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
  const marked = /<!-- bench:slots start -->[\s\S]*<!-- bench:slots end -->/;
  writeFileSync(resultsFile, marked.test(old) ? old.replace(marked, section) : `${old.trimEnd()}\n\n${section}\n`);
}
