/**
 * The intent classifier: @nlpjs's neural network (one perceptron per intent) over the English
 * stems of a message (stemmer and normaliser from @nlpjs/lang-en-min) and the field concepts the
 * lexicon finds in it, trained from the utterance corpus in milliseconds, or loaded from a model
 * it exported.
 */
import { NormalizerEn, StemmerEn } from '@nlpjs/lang-en-min';
import { NeuralNetwork, type NeuralNetworkJson } from '@nlpjs/neural';
import { conceptsIn, expandShorthand } from './field-lexicon.js';
import { examplesOf, parseUtterance, type IntentExamples } from './training-corpus.js';

/** One intent and how sure the classifier is of it (0–1). */
export interface ScoredIntent {
  intent: string;
  score: number;
}

const normalizer = new NormalizerEn();
const stemmer = new StemmerEn();

/** A message's English stems, in order (normaliser and stemmer of @nlpjs/lang-en-min). */
export function stemsOf(text: string): string[] {
  return stemmer.tokenizeAndStem(normalizer.normalize(text), true);
}

/**
 * What the network sees of a message: its stems, each pair of neighbouring stems ("ok if" is not
 * "ok to"), and one feature per lexicon concept it names ("a device", "a word of loss", "a word
 * of theft"). The concepts carry what a few examples cannot: any device with any word of loss
 * means the same thing, whatever else the sentence says.
 * Each feature weighs 1/sqrt(n), so the input has length 1 whatever the message's length: with
 * weights of 1 a long message (reasons, greetings, apologies) summed many small negative weights
 * and pushed every intent's output to 0 (leave-one-set-out figures of both in bench/intents-results.md).
 */
export function featuresOf(text: string, moreConcepts: readonly string[] = []): Record<string, number> {
  const expanded = expandShorthand(text);
  const stems = stemsOf(expanded);
  const names = new Set([...stems, ...stems.slice(1).map((s, i) => `${stems[i]} ${s}`), ...[...conceptsIn(expanded.toLowerCase()), ...moreConcepts].map((c) => `concept:${c}`)]);
  const weight = 1 / Math.sqrt(Math.max(1, names.size));
  const features: Record<string, number> = {};
  for (const name of names) features[name] = weight;
  return features;
}

/** Concepts a message names that the lexicon's lists alone do not find (a service nobody listed, by its word vector). */
export type MoreConcepts = (text: string) => string[];

/** What {@link IntentClassifier.export} writes. */
interface SavedModel {
  network: NeuralNetworkJson;
  /** Each intent's features seen in its examples. */
  seen: Record<string, string[]>;
}

/** Wraps one trained network. */
export class IntentClassifier {
  private readonly seen: Map<string, Set<string>>;

  private constructor(
    private readonly network: NeuralNetwork,
    seen: Record<string, string[]>,
    /** Concepts found beyond the lexicon's lists (a service nobody listed, by its word vector). */
    private readonly moreConcepts?: MoreConcepts,
  ) {
    this.seen = new Map(Object.entries(seen).map(([intent, features]) => [intent, new Set(features)]));
  }

  /**
   * Trains a classifier on the corpus (no console output, no files written). The examples are read
   * as messages are, concepts found beyond the lists included: a service the lists lack in a
   * labelled message ("dropbox") was a feature when classifying but not when learning, so no
   * example ever weighed it against the rest.
   */
  static async train(corpus: readonly IntentExamples[], moreConcepts?: MoreConcepts): Promise<IntentClassifier> {
    const network = new NeuralNetwork({ log: false });
    const rows = corpus.flatMap((entry) => examplesOf(entry).map((u) => ({ input: featuresOf(parseUtterance(u).text, moreConcepts?.(parseUtterance(u).text)), output: { [entry.intent]: 1 } })));
    network.train(rows);
    const seen: Record<string, string[]> = {};
    for (const row of rows) {
      const [intent] = Object.keys(row.output);
      seen[intent] = [...new Set([...(seen[intent] ?? []), ...Object.keys(row.input)])];
    }
    return new IntentClassifier(network, seen, moreConcepts);
  }

  /** A classifier from a model exported by {@link IntentClassifier.export}. */
  static async load(model: string, moreConcepts?: MoreConcepts): Promise<IntentClassifier> {
    const saved = JSON.parse(model) as SavedModel;
    const network = new NeuralNetwork();
    network.fromJSON(saved.network);
    return new IntentClassifier(network, saved.seen, moreConcepts);
  }

  /** The trained model, to be saved at build time and loaded at start-up. */
  export(): string {
    const saved: SavedModel = { network: this.network.toJSON(), seen: Object.fromEntries([...this.seen].map(([intent, f]) => [intent, [...f]])) };
    return JSON.stringify(saved);
  }

  /**
   * Every intent with its score, best first; all zeros when no word is known.
   * Each perceptron was trained to give 1 for its own examples and 0 for the others. The score is
   * the intent's share of the squared outputs (how far it stands out from the rest) times its own
   * output, capped at 1 (how much the message looks like the intent's examples at all): a message
   * the network has seen nothing like gets a low score even when one intent edges the others.
   * As in @nlpjs's own NLU, an intent none of whose examples shares a feature with the message
   * scores 0 (its bias alone says nothing about this message).
   */
  async classify(text: string): Promise<ScoredIntent[]> {
    const features = featuresOf(text, this.moreConcepts?.(text));
    const shares = (intent: string) => Object.keys(features).some((f) => this.seen.get(intent)?.has(f));
    const outputs = Object.entries(this.network.run(features) ?? {}).map(([intent, o]): [string, number] => [intent, shares(intent) ? o : 0]);
    const total = outputs.reduce((sum, [, o]) => sum + o * o, 0);
    return outputs
      .map(([intent, o]) => ({ intent, score: total > 0 ? ((o * o) / total) * Math.min(1, o) : 0 }))
      .sort((a, b) => b.score - a.score);
  }
}
