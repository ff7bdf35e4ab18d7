/**
 * The intent classifier: @nlpjs's neural NLU (English stemmer and tokenizer from lang-en-min),
 * trained from the utterance corpus in milliseconds, or loaded from a model it exported.
 */
import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp } from '@nlpjs/nlp';
import { expandShorthand } from './field-lexicon.js';
import { parseUtterance, type IntentExamples } from './training-corpus.js';

/** One intent and how sure the classifier is of it (0–1). */
export interface ScoredIntent {
  intent: string;
  score: number;
}

/** Wraps one trained nlp.js instance. */
export class IntentClassifier {
  private constructor(private readonly nlp: Nlp) {}

  /** Trains a classifier on the corpus (no console output, no files written). */
  static async train(corpus: readonly IntentExamples[]): Promise<IntentClassifier> {
    const nlp = await createNlp();
    for (const entry of corpus) {
      for (const utterance of entry.utterances) nlp.addDocument('en', expandShorthand(parseUtterance(utterance).text), entry.intent);
    }
    await nlp.train();
    return new IntentClassifier(nlp);
  }

  /** A classifier from a model exported by {@link IntentClassifier.export}. */
  static async load(model: string): Promise<IntentClassifier> {
    const nlp = await createNlp();
    nlp.import(model);
    return new IntentClassifier(nlp);
  }

  /** The trained model, to be saved at build time and loaded at start-up. */
  export(): string {
    return this.nlp.export(true);
  }

  /** Every intent with its score, best first; all zeros when no word is known. */
  async classify(text: string): Promise<ScoredIntent[]> {
    const result = await this.nlp.process('en', expandShorthand(text));
    return result.classifications
      .filter((c) => c.intent !== 'None')
      .map((c) => ({ intent: c.intent, score: c.score }))
      .sort((a, b) => b.score - a.score);
  }
}

async function createNlp(): Promise<Nlp> {
  const container = await containerBootstrap();
  container.use(LangEn);
  // No sentiment, entity extraction, autosave or per-epoch logging: only the classifier.
  return new Nlp({ container, languages: ['en'], autoSave: false, autoLoad: false, nlu: { log: false }, calculateSentiment: false, forceNER: false, ner: { builtins: [] } });
}
