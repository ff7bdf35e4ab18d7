/**
 * The six labelled sets of everyday messages written by other sessions (each with its trust and
 * "now"), the held-out fixture never fitted on, and recognisers trained without the set they
 * score: a set's messages are only ever recognised by a model that did not learn them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.js';
import { createIntentRecogniser, LABELLED_SETS, readIntentCorpus, trainIntentModel, type Calibration } from '../src/adapters/intent/intent-files.js';
import { loadTrustFile } from '../src/adapters/trust-file/load-trust.js';
import type { Trust } from '../src/domain/trust/trust.js';
import type { Recognition } from '../src/domain/intent/intent-recogniser.js';
import type { IntentExamples } from '../src/domain/intent/training-corpus.js';
import { jsonLines, scoreIntents, type IntentScores, type LabelledMessage } from './intent-scores.js';

const SAMPLE_TRUST = path.join(PROJECT_ROOT, 'samples', 'trust.json');
const DEC_1 = new Date('2026-12-01T10:00:00Z');
const DEC_2 = new Date('2026-12-02T10:00:00Z');
const trustOf = (file: string) => path.join(PROJECT_ROOT, 'bench', file);

/** A labelled set with the trust and the moment its messages were written for. */
export interface MessageSet {
  name: string;
  file: string;
  trust: string;
  now: Date;
  senderId?: string;
}

/** The six labelled sets the recogniser learns from, in the order of LABELLED_SETS. */
export const LABELLED: MessageSet[] = [
  { name: 'blind 1', file: LABELLED_SETS[0], trust: SAMPLE_TRUST, now: DEC_1 },
  { name: 'blind 2', file: LABELLED_SETS[1], trust: SAMPLE_TRUST, now: DEC_1 },
  { name: 'blind 3', file: LABELLED_SETS[2], trust: trustOf('intent-sets/trust-3.json'), now: DEC_2 },
  { name: 'blind 4', file: LABELLED_SETS[3], trust: trustOf('intent-sets/trust-4.json'), now: DEC_2 },
  { name: 'blind 7', file: LABELLED_SETS[4], trust: trustOf('heldout-2026-12-02/trust-7.json'), now: DEC_2 },
  { name: 'blind 8', file: LABELLED_SETS[5], trust: trustOf('heldout-2026-12-02/trust-8.json'), now: DEC_2 },
];
/** Scored, never fitted on or learned from. */
export const HELD_OUT: MessageSet = { name: 'heldout fixture (not fitted)', file: path.join(PROJECT_ROOT, 'test', 'fixtures', 'intents', 'heldout.jsonl'), trust: SAMPLE_TRUST, now: DEC_1, senderId: 'alex-wilber' };

export interface LoadedSet {
  set: MessageSet;
  trust: Trust;
  cases: LabelledMessage[];
}

export async function loadSets(sets: readonly MessageSet[]): Promise<LoadedSet[]> {
  return Promise.all(sets.map(async (set) => ({ set, trust: await loadTrustFile(set.trust), cases: jsonLines<LabelledMessage>(readFileSync(set.file, 'utf8')) })));
}

/** A corpus (the hand-written one plus some labelled sets) and the networks trained on it. */
export interface Trained {
  corpus: IntentExamples[];
  model: string;
}

/**
 * Trains on the corpus and the labelled sets but `without` (or the corpus alone: `labelled` false),
 * leaving out any message whose text is in `unseen`: the sets repeat the issue's own examples ("my
 * reqs", "nvm", "what can u do"), and so does the held-out fixture, which must not be learned.
 */
export async function trainWithout(without: readonly MessageSet[], options: { labelled?: boolean; unseen?: readonly LoadedSet[] } = {}): Promise<Trained> {
  const files = options.labelled === false ? [] : LABELLED.filter((s) => !without.includes(s)).map((s) => s.file);
  const unseen = new Set((options.unseen ?? []).flatMap((e) => e.cases.map((c) => normal(c.text))));
  const corpus = readIntentCorpus(files).map((e) => (e.messages ? { ...e, messages: e.messages.filter((m) => !unseen.has(normal(m))) } : e));
  return { corpus, model: await trainIntentModel(corpus) };
}

/** One set's recognitions, scored, and each with whether it was right. */
export interface Run {
  scores: IntentScores;
  recognitions: Array<{ r: Recognition; right: boolean }>;
}

/** A set recognised by a model (one that did not learn it) with given settings. */
export async function recogniseSet(entry: LoadedSet, trained: Trained, calibration: Calibration): Promise<Run> {
  const recogniser = await createIntentRecogniser(entry.trust, { calibration, corpus: trained.corpus, model: trained.model });
  const byId = new Map<string, Recognition>();
  for (const c of entry.cases) byId.set(c.id, await recogniser.recognise(c.text, { now: entry.set.now, senderId: entry.set.senderId }));
  const scores = scoreIntents(entry.cases, (c) => byId.get(c.id));
  return { scores, recognitions: entry.cases.map((c) => ({ r: byId.get(c.id)!, right: byId.get(c.id)!.intent === c.intent })) };
}

const normal = (text: string) => text.trim().toLowerCase();
