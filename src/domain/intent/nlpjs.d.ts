// @nlpjs ships no type declarations; these cover the few calls the recogniser makes.
declare module '@nlpjs/lang-en-min' {
  export class NormalizerEn {
    normalize(text: string): string;
  }
  export class StemmerEn {
    tokenizeAndStem(text: string, keepStops?: boolean): string[];
    stemWord(word: string): string;
  }
}
declare module '@nlpjs/neural' {
  /** What `toJSON` gives and `fromJSON` takes: feature and intent names, one weight row per intent. */
  export interface NeuralNetworkJson {
    settings: Record<string, unknown>;
    features?: string[];
    intents?: string[];
    perceptrons?: number[][];
  }
  export class NeuralNetwork {
    constructor(settings?: Record<string, unknown>);
    train(corpus: Array<{ input: Record<string, number>; output: Record<string, number> }>): unknown;
    /** Each intent's output (about 1 for its own examples, 0 for others); undefined before training. */
    run(input: Record<string, number>): Record<string, number> | undefined;
    toJSON(): NeuralNetworkJson;
    fromJSON(json: NeuralNetworkJson): void;
  }
}
