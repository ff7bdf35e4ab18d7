/** Build step: trains the intent classifier on the corpus and saves it as dist/intent-model.json. */
import { MODEL_FILE, saveIntentModel } from '../adapters/intent/intent-files.js';

const started = Date.now();
await saveIntentModel();
console.log(`intent model trained and saved to ${MODEL_FILE} in ${Date.now() - started} ms`);
