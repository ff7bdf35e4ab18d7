/**
 * Scores `policy-desk route` output against a labelled set kept outside the repository, and
 * records the figures in bench/intents-results.md (one "blind set" section per set file, kept when
 * `npm run bench:intents` rewrites the rest). The set is read only to score: nothing is tuned on it.
 *
 *   node dist/src/cli/policy-desk.js route --now 2026-12-02T10:00:00Z < SET.jsonl > routed.jsonl
 *   node dist/bench/score-route.js SET.jsonl routed.jsonl "how the set was written"
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { BLIND_SECTION, headline, jsonLines, perIntentTable, perSlotTable, scoreIntents, type LabelledMessage, type RoutedMessage } from './intent-scores.js';

const args = process.argv.slice(2);
// --seen: the set's misses have been read during development, so it is a development set, not a blind one.
const seen = args.includes('--seen');
const [setFile, routedFile, about = 'written outside the repository without seeing the corpus'] = args.filter((a) => a !== '--seen');
if (!setFile || !routedFile) {
  console.error('usage: node dist/bench/score-route.js [--seen] SET.jsonl ROUTED.jsonl ["how the set was written"]');
  process.exit(2);
}
const cases = jsonLines<LabelledMessage>(readFileSync(setFile, 'utf8'));
const routed = new Map(jsonLines<RoutedMessage & { id: string }>(readFileSync(routedFile, 'utf8')).map((r) => [String(r.id), r]));
const scores = scoreIntents(cases, (c) => routed.get(c.id));
const section = [
  '<!-- bench:blind start -->',
  seen
    ? `## Development set ${path.basename(setFile)} (no longer blind: its misses were read while the recogniser was changed)`
    : `## Blind set ${path.basename(setFile)} (outside the repo, written without seeing the corpus)`,
  '',
  seen
    ? `Set: \`${path.basename(setFile)}\` (${cases.length} messages), ${about}. Scored from \`policy-desk route\` output with \`bench/score-route.ts\`. Its figures measure the recogniser on messages it was developed against: they are not a test of messages it has never seen.`
    : `Set: \`${path.basename(setFile)}\` (${cases.length} messages), ${about}. Scored once from \`policy-desk route\` output with \`bench/score-route.ts\`; the recogniser was not changed after reading it, so its misses are reported, not fixed.`,
  '',
  ...headline(scores),
  '',
  ...perIntentTable(scores),
  '',
  ...perSlotTable(scores),
  '',
  seen ? '### Misses on the development set' : '### Misses on the blind set',
  '',
  ...(scores.misses.length ? scores.misses : ['none']),
  '<!-- bench:blind end -->',
].join('\n');
const resultsMd = path.join(PROJECT_ROOT, 'bench', 'intents-results.md');
const old = readFileSync(resultsMd, 'utf8');
// Each set keeps its own section: a set scored again replaces only its own, a new set is added after the others.
const sections = old.match(BLIND_SECTION)?.[0].split(/(?=<!-- bench:blind start -->)/) ?? [];
const name = `Set: \`${path.basename(setFile)}\` `;
const kept = sections.some((s) => s.includes(name)) ? sections.map((s) => (s.includes(name) ? section : s.trimEnd())) : [...sections.map((s) => s.trimEnd()), section];
writeFileSync(resultsMd, BLIND_SECTION.test(old) ? old.replace(BLIND_SECTION, kept.join('\n\n')) : `${old.trimEnd()}\n\n${section}\n`);
console.log(section);
