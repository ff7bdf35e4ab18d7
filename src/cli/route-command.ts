/**
 * `policy-desk route [--trust FILE] [--now ISO-INSTANT]`: reads JSONL `{"id","text"}` on standard
 * input and writes `{"id","intent","confidence","slots"}` a line each, through the recogniser the
 * bot uses (the same corpus, model, threshold and trust directory).
 */
import path from 'node:path';
import { PROJECT_ROOT } from '../config.js';
import { createIntentRecogniser } from '../adapters/intent/intent-files.js';
import { loadTrustFile } from '../adapters/trust-file/load-trust.js';
import { readJsonlItems } from './jsonl-input.js';

export const ROUTE_USAGE = `  policy-desk route [--trust <trust.json>] [--now <ISO instant>] < messages.jsonl   (one {"id","text"} object a line)`;

/** Runs the route command; returns the exit code. Bad lines are reported on stderr and skipped. */
export async function runRoute(args: string[], fail: (message: string) => never): Promise<number> {
  let trustFile = path.join(PROJECT_ROOT, 'samples', 'trust.json');
  let now: Date | undefined;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (!['--trust', '-t', '--now'].includes(flag)) fail(`unknown option "${args[i]}"`);
    const value = inline ?? args[++i];
    if (flag === '--trust' || flag === '-t') {
      if (!value) fail('--trust needs a file');
      trustFile = value;
    } else {
      now = new Date(value ?? '');
      if (Number.isNaN(now.getTime())) fail('--now needs an ISO date and time, e.g. 2026-12-01T10:00:00Z');
    }
  }
  const recogniser = await createIntentRecogniser(await loadTrustFile(trustFile));
  for await (const message of readJsonlItems('text')) {
    const r = await recogniser.recognise(message.text, { now: now ?? new Date() });
    process.stdout.write(JSON.stringify({ id: message.id, intent: r.intent, confidence: r.confidence, slots: r.slots }) + '\n');
  }
  return 0;
}
