// @nlpjs ships no type declarations; these cover the few calls the recogniser makes.
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
  }
  export function containerBootstrap(): Promise<Container>;
}
declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}
declare module '@nlpjs/nlp' {
  import type { Container } from '@nlpjs/core';
  export interface NlpClassification {
    intent: string;
    score: number;
  }
  export class Nlp {
    constructor(settings: Record<string, unknown> & { container: Container });
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(locale: string, utterance: string): Promise<{ classifications: NlpClassification[] }>;
    export(minified?: boolean): string;
    import(data: string): void;
  }
}
