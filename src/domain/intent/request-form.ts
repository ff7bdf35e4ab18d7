/**
 * Whether a message asks what the rules are or asks for something, judged by its form alone: a
 * second small @nlpjs network trained on the corpus.
 *
 * Where the line runs (DECISIONS.md: "ask and route are two questions about one message"):
 * - a request asks for something for the speaker's own case, or says what they want: "can I use
 *   spotify in my lessons", "is it ok if I give my login to the supply", "how do I get my laptop
 *   added to the devices log", "I'd like…", "please…", "need…". The bot starts the flow and shows
 *   the clause that requires it.
 * - a question about the rules asks what holds in general, or why, or what follows: "are staff /
 *   are we / am I allowed to…", "is it ok to…", "who decides…", "why can't I…", "what happens
 *   if…", "do I have to / do I need permission to…", "does the policy…". The policy answers, and
 *   its card's next-step button starts the flow.
 * An own-case ask about something no flow serves ("can I park in the disabled bay") is a request
 * in form; the classifier still sends it to the policy because no request intent knows its topic.
 * Such asks are listed apart in the corpus (`asks`), so the network learns them as requests.
 *
 * The network sees only the words that carry form (form-cues.json: question words, auxiliaries and
 * modals, words of permission and rules, words of asking, persons), every other word as one
 * placeholder, and their pairs in order ("ok if", "if i", "ok to", "are we", "allowed to"), so it
 * learns how a message asks, never what it is about. Its fitted outputs decide; nothing is set by
 * hand.
 */
import { NeuralNetwork, type NeuralNetworkJson } from '@nlpjs/neural';
import cues from './form-cues.json' with { type: 'json' };
import { expandShorthand, tokenize } from './field-lexicon.js';
import { parseUtterance, type IntentExamples } from './training-corpus.js';

const RULES = 'rules';
const REQUEST = 'request';
/** Any word that carries no form: the network sees only that something stands there. */
const THING = '_';
const FORM_WORDS: ReadonlySet<string> = new Set(Object.values(cues).flatMap((group) => (typeof group === 'string' ? [] : group.words)));

/** The message as the form network sees it: its form words, placeholders, their pairs in order and how it opens. */
export function formFeatures(text: string): Record<string, number> {
  const words: string[] = [];
  for (const t of tokenize(expandShorthand(text))) {
    const word = FORM_WORDS.has(t.lower) ? t.lower : THING;
    if (word !== THING || words[words.length - 1] !== THING) words.push(word);
  }
  const features: Record<string, number> = {};
  words.forEach((w, i) => {
    if (w !== THING) features[w] = 1;
    if (i > 0) features[`${words[i - 1]} ${w}`] = 1;
  });
  // How a message opens carries its form: "what's the …", "can i …", "am i allowed …", "is it ok if …".
  for (let n = 1; n <= Math.min(3, words.length); n++) features[`^${words.slice(0, n).join(' ')}`] = 1;
  if (text.includes('?')) features['?'] = 1;
  return features;
}

/** The form network: asking about the rules, or asking for something. */
export class RequestForm {
  private constructor(private readonly network: NeuralNetwork) {}

  /**
   * Trains on the questions about the rules (`rulesIntent`'s utterances but its `asks`) against
   * every other utterance: the other intents' and those asks.
   */
  static train(corpus: readonly IntentExamples[], rulesIntent: string): RequestForm {
    const rows = corpus.flatMap((e) => {
      const asks = new Set(e.asks ?? []);
      return e.utterances.map((u) => {
        const rules = e.intent === rulesIntent && !asks.has(u);
        return { input: formFeatures(parseUtterance(u).text), output: { [rules ? RULES : REQUEST]: 1 } };
      });
    });
    const network = new NeuralNetwork({ log: false });
    network.train(rows);
    return new RequestForm(network);
  }

  static load(saved: NeuralNetworkJson): RequestForm {
    const network = new NeuralNetwork();
    network.fromJSON(saved);
    return new RequestForm(network);
  }

  export(): NeuralNetworkJson {
    return this.network.toJSON();
  }

  /** The network's output for "asks about the rules" and for "asks for something". */
  weigh(text: string): { rules: number; request: number } {
    const out = this.network.run(formFeatures(text)) ?? {};
    return { rules: out[RULES] ?? 0, request: out[REQUEST] ?? 0 };
  }
}
