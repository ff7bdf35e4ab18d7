/**
 * Calibrates the recogniser on the six labelled sets of everyday messages (bench/intent-sets/ and
 * bench/heldout-2026-12-02/, written by other sessions; see their READMEs). The recogniser also
 * learns from those sets, so the settings are fitted cross-fitted: each set is recognised by a
 * model trained on the corpus and the other five sets, never by one that learned it.
 * test/fixtures/intents/heldout.jsonl is neither learned from nor fitted on; it is scored before
 * and after as a figure not fitted on.
 *
 * Fitted (bench/intent-fitting.ts), by the whole recogniser's intent accuracy over the sets with
 * small talk sent to the policy as a hard constraint: the word kinship (how close in meaning, by
 * word vector, a word must be to one an intent's examples use to count as known), the share of a
 * message's content words an intent's examples must know for the intent to be taken, the network's
 * score from which its guess stands with fewer known words, and the floor below which the policy
 * gets a guess not all of whose words it knows; then the confidence threshold below which the bot
 * asks instead of guessing (the value of guessing: right +1, wrong -2, asking 0).
 * Writes src/domain/intent/calibration.json. Run with `npm run calibrate:intents`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { readCalibration } from '../src/adapters/intent/intent-files.js';
import { fitSettings, HELD_OUT, LABELLED, loadSets, recogniseSet, trainWithout, type Fold } from './intent-fitting.js';
import { pct, type IntentScores } from './intent-scores.js';

const started = Date.now();
const fitting = await loadSets(LABELLED);
const [heldOut] = await loadSets([HELD_OUT]);
const folds: Fold[] = [];
for (const entry of fitting) folds.push({ entry, trained: await trainWithout([entry.set]) });
// The held-out fixture is scored by a model that learned none of its texts.
const shipped = await trainWithout([], { unseen: [heldOut] });

const before = readCalibration();
const fitted = await fitSettings(folds, before);
const figures = [];
for (const f of folds) figures.push({ set: `${f.entry.set.name} (model without it)`, before: line((await recogniseSet(f.entry, f.trained, before)).scores), after: line((await recogniseSet(f.entry, f.trained, fitted.calibration)).scores) });
figures.push({ set: HELD_OUT.name, before: line((await recogniseSet(heldOut, shipped, before)).scores), after: line((await recogniseSet(heldOut, shipped, fitted.calibration)).scores) });

const { threshold, kinship, knownShare, sureEnough, namesStand, floor } = fitted.calibration;
const result = {
  threshold,
  kinship,
  knownShare,
  sureEnough,
  namesStand,
  floor,
  how: `fitted cross-fitted on ${fitting.map((e) => `${path.basename(e.set.file)} (${e.cases.length})`).join(', ')}: each set recognised by a model trained on the corpus and the other five; the kinship, share of known words, sure-enough score and floor with the fewest small talk sent to the policy and then the most intents right; the threshold that maximises the value of guessing over them (right +1, wrong -2, asking 0). test/fixtures/intents/heldout.jsonl is neither learned from nor fitted on.`,
  figures,
  valueOfGuessing: fitted.valueOfGuessing,
  tried: fitted.tried,
};
writeFileSync(path.join(PROJECT_ROOT, 'src', 'domain', 'intent', 'calibration.json'), JSON.stringify(result, null, 2) + '\n');
console.log({ ...result, tried: `${fitted.tried.length} settings`, seconds: Math.round((Date.now() - started) / 1000) });

function line(s: IntentScores): string {
  return `intent ${s.right}/${s.total} (${pct(s.right, s.total)}), slots ${s.slotRight}/${s.slotTotal} (${pct(s.slotRight, s.slotTotal)}), small talk to policy ${s.smallTalkToPolicy}`;
}
