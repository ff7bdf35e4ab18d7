/**
 * Whether a message asks what the rules are ("are we allowed …", "what's the rule on …", "can staff
 * …") or asks for something ("I need …", "can I have …", "can my TA use my login"), judged by its
 * form alone: a second small @nlpjs network trained on the corpus, the policy questions against
 * the messages of every intent that takes slots, with the things named (devices, software,
 * systems, people: the marked slot values and the lexicon's devices) left out, so that what it
 * learns is how the message asks, not what it is about. Its own fitted outputs decide; nothing is
 * set by hand.
 */
import { NeuralNetwork, type NeuralNetworkJson } from '@nlpjs/neural';
import { DEVICE_WORDS, expandShorthand, findPhrase } from './field-lexicon.js';
import { stemsOf } from './intent-classifier.js';
import { parseUtterance, type IntentExamples } from './training-corpus.js';

const RULES = 'rules';
const REQUEST = 'request';

/** The message with the named things blanked, as the form network sees it: its stems and how it opens. */
export function formFeatures(text: string, named: ReadonlyArray<{ start: number; end: number }>): Record<string, number> {
  let blanked = expandShorthand(blank(text, named));
  const lower = blanked.toLowerCase();
  for (const device of DEVICE_WORDS) {
    const at = findPhrase(lower, device);
    if (at >= 0) blanked = blank(blanked, [{ start: at, end: at + device.length }]);
  }
  const stems = stemsOf(blanked);
  const features: Record<string, number> = {};
  for (const stem of stems) features[stem] = 1;
  // How a message opens carries its form: "what's the …", "can I …", "am I allowed …".
  if (stems[0]) features[`^${stems[0]}`] = 1;
  if (stems[1]) features[`^${stems[0]} ${stems[1]}`] = 1;
  return features;
}

/** Spaces in place of the spans (keeping every other position). */
function blank(text: string, spans: ReadonlyArray<{ start: number; end: number }>): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(Math.max(0, s.end - s.start)) + out.slice(s.end);
  return out;
}

/** The form network: asking about the rules, or asking for something. */
export class RequestForm {
  private constructor(private readonly network: NeuralNetwork) {}

  /**
   * Trains on the policy questions (`rulesIntent`) against every intent that takes slots; the
   * marked slot values are blanked as in {@link formFeatures}.
   */
  static train(corpus: readonly IntentExamples[], rulesIntent: string): RequestForm {
    const rows = corpus
      .filter((e) => e.intent === rulesIntent || e.slots.length > 0)
      .flatMap((e) =>
        e.utterances.map((u) => {
          const { text, marks } = parseUtterance(u);
          return { input: formFeatures(text, marks), output: { [e.intent === rulesIntent ? RULES : REQUEST]: 1 } };
        }),
      );
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
  weigh(text: string, named: ReadonlyArray<{ start: number; end: number }>): { rules: number; request: number } {
    const out = this.network.run(formFeatures(text, named)) ?? {};
    return { rules: out[RULES] ?? 0, request: out[REQUEST] ?? 0 };
  }
}
