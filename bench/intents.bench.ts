/**
 * Benchmark of the intent recogniser on the held-out set of everyday messages
 * (test/fixtures/intents/heldout.jsonl, written before the recogniser was tuned), as sent by
 * Alex Wilber on the sample trust on Tuesday 1 December 2026 at 10:00 in London.
 * Reports intent accuracy per intent, slot accuracy, small talk sent to the policy, and the time
 * per message (warm). Writes bench/intents-results.md. Run with `npm run bench:intents`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../src/config.js';
import { createIntentRecogniser } from '../src/adapters/intent/intent-files.js';
import { loadTrustFile } from '../src/adapters/trust-file/load-trust.js';
import type { Recognition } from '../src/domain/intent/intent-recogniser.js';
import { median, percentile, writeSection } from './results-file.js';
import { BLIND_SECTION, headline, jsonLines, perIntentTable, perSlotTable, scoreIntents, type LabelledMessage } from './intent-scores.js';

const NOW = new Date('2026-12-01T10:00:00Z');
const SENDER = 'alex-wilber';
const setFile = process.argv[2] ?? path.join(PROJECT_ROOT, 'test', 'fixtures', 'intents', 'heldout.jsonl');
const cases = jsonLines<LabelledMessage>(readFileSync(setFile, 'utf8'));

const trust = await loadTrustFile(path.join(PROJECT_ROOT, 'samples', 'trust.json'));
const loadStart = performance.now();
const recogniser = await createIntentRecogniser(trust);
const loadMs = performance.now() - loadStart;

let asked = 0;
let askedRight = 0;
const recognitions = new Map<string, Recognition>();
const times: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const c of cases) {
    const t0 = performance.now();
    const r = await recogniser.recognise(c.text, { now: NOW, senderId: SENDER });
    times.push(performance.now() - t0);
    if (round > 0) continue;
    recognitions.set(c.id, r);
    if (!r.confident) {
      asked++;
      if (r.intent === c.intent || r.alternatives[0]?.intent === c.intent) askedRight++;
    }
  }
}
const scores = scoreIntents(cases, (c) => recognitions.get(c.id));
const medianMs = median(times);
const p95 = percentile(times, 0.95);

const lines = [
  '# Intent recogniser: held-out everyday messages',
  '',
  `Set: \`${path.relative(PROJECT_ROOT, setFile)}\` (${cases.length} messages), sender Alex Wilber on the sample trust, now = ${NOW.toISOString()}.`,
  `Machine: ${os.cpus()[0]?.model ?? 'unknown'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
  '',
  'How the set was used: written before the recogniser, it was scored during development, so it is not',
  'blind. First score (corpus untouched by it): 93.1% intents, 77.9% slots. After that round the corpus',
  'gained general frames ("what are the rules on …", "lost my X what now", status phrasings per kind)',
  'and the slot finder its current rules; no message of this set was copied into the corpus. On 2 December',
  'the classifier became @nlpjs/neural over stems and the lexicon\'s concepts with an unsaturated confidence,',
  'and lost-device gained phrasings of leaving, forgetting and theft (none copied from this set). Later on',
  '2 December (issue 11, after the two sets below had been read, so they are development sets now) a word',
  'became known to an intent by its stem or its nearest corpus word by word vector, a small form network',
  'sends rule questions worded as requests to the policy, the known-words share, kinship, "sure enough"',
  'score, floor and threshold were fitted by 5-fold CV of the whole recogniser (src/domain/intent/',
  'calibration.json), and the slot finder gained general syntax (names after a telling word, the trust\'s',
  'systems, device modifiers). Later still (branch form, after all four sets below had been read, so all',
  'four are development sets now) a long message is also scored clause by clause, the form network sees',
  'only form words (persons, modals, question words, words of permission) so that an own-case ask is a',
  'request and a general rule question is not, and the corpus was made to follow that line (README).',
  'Since branch calib, blind sets 1–4 are in the repo as fitting data (bench/intent-sets/): the settings',
  'above are fitted on them (`npm run calibrate:intents`), not by corpus CV; this set is not fitted on.',
  'Since branch intents (3 December), the classifier also learns the six labelled sets (1–4, 7, 8) as',
  'utterances and the settings are fitted cross-fitted on them. Those sets repeat some of the issue\'s own',
  'examples that this set has too ("nvm", "my reqs", "what can u do"): the figures below are the shipped',
  'recogniser\'s; the leave-one-set-out section gives this set scored by one that learned none of its texts.',
  'The real judge is a blind set nobody here has read.',
  '',
  ...headline(scores),
  `- Below the calibrated threshold (the bot asks between its two best intents): ${asked}; the right intent among the two offered: ${askedRight}`,
  `- Time per message (warm, ${times.length} runs): median ${medianMs.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms; recogniser ready in ${loadMs.toFixed(0)} ms`,
  '',
  ...perIntentTable(scores),
  '',
  ...perSlotTable(scores),
  '',
  '## Misses',
  '',
  ...(scores.misses.length ? scores.misses : ['none']),
  '',
];
const out = lines.join('\n');
if (!process.argv[2]) {
  const resultsFile = path.join(PROJECT_ROOT, 'bench', 'intents-results.md');
  // The blind set's figures (bench/score-route.ts) stay when the in-repo figures are rewritten.
  const old = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
  const blind = old.match(BLIND_SECTION);
  // So do the notes written after them.
  const after = blind ? old.slice(blind.index! + blind[0].length).trim() : '';
  writeFileSync(resultsFile, blind ? `${out}\n${blind[0]}\n${after ? `\n${after}\n` : ''}` : out);
  recordSummary(medianMs, p95);
}
console.log(out);

/** A short section in bench/results.md pointing at the full results. */
function recordSummary(medianMs: number, p95Ms: number): void {
  writeSection('intents', [
    '## Intent recognition (`npm run bench:intents`)',
    '',
    `Recognising one typed message (intent, confidence, slots; warm): median ${medianMs.toFixed(2)} ms, p95 ${p95Ms.toFixed(2)} ms (budget: 5 ms median).`,
    'Per-intent figures on the in-repo held-out set and on the blind set: [intents-results.md](intents-results.md).',
  ]);
}
