/**
 * Calibrates the recogniser's confidence threshold on the training corpus only (never on a test
 * set): 5-fold cross-validation gives each training utterance a score from a model that did not
 * see it. Below
 * it the bot asks instead of guessing. The threshold maximises the value of guessing, counting a
 * right guess +1, a wrong one -2 (the person lands in the wrong flow and must back out) and a
 * question 0 (one tap). Writes src/domain/intent/calibration.json.
 * Run with `npm run calibrate:intents`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { readIntentCorpus } from '../src/adapters/intent/intent-files.js';
import { IntentClassifier } from '../src/domain/intent/intent-classifier.js';
import { parseUtterance, type IntentExamples } from '../src/domain/intent/training-corpus.js';

const FOLDS = 5;
const RIGHT = 1;
const WRONG = -2;

const corpus = readIntentCorpus();
const scored: Array<{ score: number; right: boolean }> = [];
for (let fold = 0; fold < FOLDS; fold++) {
  const train: IntentExamples[] = corpus.map((e) => ({ ...e, utterances: e.utterances.filter((_, i) => i % FOLDS !== fold) }));
  const classifier = await IntentClassifier.train(train);
  for (const entry of corpus) {
    for (const [i, utterance] of entry.utterances.entries()) {
      if (i % FOLDS !== fold) continue;
      const best = (await classifier.classify(parseUtterance(utterance).text))[0];
      scored.push({ score: best?.score ?? 0, right: best?.intent === entry.intent });
    }
  }
}
scored.sort((a, b) => b.score - a.score);
// Walk down the scores adding each guess's value; the threshold is where the total is highest.
let value = 0;
let bestValue = 0;
let threshold = 1;
scored.forEach((s) => {
  value += s.right ? RIGHT : WRONG;
  if (value > bestValue) {
    bestValue = value;
    threshold = s.score;
  }
});
const accepted = scored.filter((s) => s.score >= threshold);
const result = {
  threshold: Math.round(threshold * 1000) / 1000,
  how: `${FOLDS}-fold cross-validation on the training corpus (${scored.length} utterances): score that maximises the value of guessing (right +${RIGHT}, wrong ${WRONG}, asking 0)`,
  crossValidatedAccuracy: Math.round((1000 * scored.filter((s) => s.right).length) / scored.length) / 1000,
  aboveThreshold: `${accepted.length} of ${scored.length} utterances, ${((100 * accepted.filter((s) => s.right).length) / accepted.length).toFixed(1)}% right`,
};
writeFileSync(path.join(PROJECT_ROOT, 'src', 'domain', 'intent', 'calibration.json'), JSON.stringify(result, null, 2) + '\n');
console.log(result);
