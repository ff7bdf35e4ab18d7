/**
 * What a typed message is for: an intent with a confidence, and the slots it fills. The one code
 * path for the bot and for `policy-desk route`. Below the calibrated threshold the caller asks a
 * tap-to-answer question between the two best intents instead of guessing.
 */
import { expandShorthand, FUNCTION_WORDS, GENERIC_NOUNS, tokenize, type Token } from './field-lexicon.js';
import type { DateSlots } from './date-slots.js';
import { IntentClassifier, type ScoredIntent } from './intent-classifier.js';
import { KnownWords } from './known-words.js';
import { RememberedDates } from './remembered-dates.js';
import { clausesOf } from './message-clauses.js';
import { RequestForm } from './request-form.js';
import type { NeuralNetworkJson } from '@nlpjs/neural';
import { findDevice, findLossKind, findNamedSystem, type NamedSystem } from './name-slots.js';
import { PeopleMatcher, type DirectoryEntry } from './people-matcher.js';
import type { WordVectorSource } from '../policy/policy-index.js';
import { findName, findSpan, isPlainWord, learnSpanContexts, nameWithVersion, type SpanContexts } from './span-slots.js';
import { findListedName, listedFirst, ServiceNames } from './service-names.js';
import type { ZodTypeAny } from 'zod';
import type { FieldSpec } from '../requests/request-kind.js';
import { readTypedAnswer, type TypedAnswer } from './typed-answer.js';
import type { IntentExamples, SlotName, Slots } from './training-corpus.js';

/** What the recogniser found in one message. */
export interface Recognition {
  intent: string;
  /** The classifier's score for `intent`, 0–1. */
  confidence: number;
  /** False below the calibrated threshold: ask between `intent` and `alternatives[0]`. */
  confident: boolean;
  /** The next best intents, best first. */
  alternatives: ScoredIntent[];
  slots: Slots;
  /** A name in the message that fits several people (display names): ask which one. */
  toChoices?: string[];
  /**
   * False when the message carries nothing the bot can act on: no word the policy's questions use
   * and no small talk the classifier is sure of ("brb"). The bot says it didn't catch that and
   * offers its help buttons (the intent is then `help`), never the policy's answer.
   */
  caught?: false;
}

/** What the recogniser needs to know about the message's context. */
export interface RecogniseOptions {
  /** Now, for "tomorrow" and "friday". */
  now: Date;
  /** The sender's directory id: never the `to` of their own message. */
  senderId?: string;
}

export interface RecogniserSettings {
  corpus: readonly IntentExamples[];
  directory: readonly DirectoryEntry[];
  /** The systems the trust names (its authorisers' values and aliases): a system slot finds them first. */
  systems?: readonly NamedSystem[];
  /** Confidence below which the message is asked about (from the calibration script). */
  threshold: number;
  timeZone?: string;
  /** A model exported at build time; trained from the corpus when absent. */
  model?: string;
  /** English word vectors: a word close in meaning to one an intent's examples use counts as known. */
  vectors?: WordVectorSource;
  /** How close in meaning, and among how many nearest corpus words, a word counts as known (from the calibration script). */
  kinship?: { similarity: number; neighbours: number };
  /** Score below which the policy gets the message rather than the guess (from the calibration script). */
  floor?: number;
  /** Share of a message's content words an intent's examples must know (from the calibration script). */
  knownShare?: number;
  /** Score from which the network's guess stands even with fewer known words (from the calibration script; none until fitted). */
  sureEnough?: number;
  /** Whether a confident guess that names what it takes (its software or system) stands with fewer known words (from the calibration script). */
  namesStand?: boolean;
  /** Whether a word is a verb (WordNet): an infinitive of purpose is then a clause of reasons of its own. */
  isVerb?: (word: string) => boolean;
  /** Whether a word is an English word (WordNet): one that is not may be a product's name. */
  isEnglishWord?: (word: string) => boolean;
  /** Whether a word is mostly an adjective (WordNet): "old" in "his old MacBook" is no part of the device. */
  isAdjective?: (word: string) => boolean;
}

/** The intent to take when nothing is recognised at all: the policy answers, or says it can't. */
export const FALLBACK_INTENT = 'question';

/**
 * The intents of conversation rather than of the policy or of a request: what small talk can be.
 * A message with no word the policy's questions use is judged among these alone.
 */
const CONVERSATIONAL: ReadonlySet<string> = new Set(['greeting', 'thanks', 'goodbye', 'help', 'cancel', 'back']);
/** Where a message nothing was caught in goes: the bot's help, with its buttons. */
const NOT_CAUGHT_INTENT = 'help';

/**
 * Share of a message's words an intent's own examples must know for the intent to be taken, until
 * calibrated. The network can be sure of an intent from one shared word ("can I bring my dog into
 * school?" is not "back in school"); a message mostly of words never seen with an intent goes to
 * the policy.
 */
const MIN_KNOWN_WORDS = 0.5;

export class IntentRecogniser {
  private readonly slotsOf: Map<string, readonly SlotName[]>;
  private readonly loneDayStarts: ReadonlySet<string>;
  private readonly known: KnownWords;
  private readonly minKnown: number;
  private readonly people: PeopleMatcher;
  private readonly timeZone: string;
  private readonly dates: RememberedDates;

  private constructor(
    private readonly classifier: IntentClassifier,
    private readonly form: RequestForm,
    private readonly settings: RecogniserSettings,
    private readonly contexts: SpanContexts,
  ) {
    this.slotsOf = new Map(settings.corpus.map((e) => [e.intent, e.slots]));
    this.loneDayStarts = new Set(settings.corpus.filter((e) => e.loneDayStarts).map((e) => e.intent));
    this.known = new KnownWords(settings.corpus, settings.vectors, settings.kinship);
    this.minKnown = settings.knownShare ?? MIN_KNOWN_WORDS;
    this.people = new PeopleMatcher(settings.directory);
    this.timeZone = settings.timeZone ?? 'Europe/London';
    this.dates = new RememberedDates(this.timeZone);
  }

  /** Trains (or loads) the classifier and learns the slot contexts. */
  static async create(settings: RecogniserSettings): Promise<IntentRecogniser> {
    const saved = settings.model ? (JSON.parse(settings.model) as Partial<SavedModel>) : {};
    // A service nobody listed, named where the corpus names software, is a service all the same.
    const contexts = learnSpanContexts(settings.corpus);
    const services = new ServiceNames(contexts, settings.vectors, settings.isEnglishWord);
    const more = settings.vectors ? (text: string) => services.conceptsIn(text, (t, i) => isNameIn(t, i, settings.vectors)) : undefined;
    const classifier = saved.classifier ? await IntentClassifier.load(saved.classifier, more) : await IntentClassifier.train(settings.corpus, more);
    const form = saved.form ? RequestForm.load(saved.form) : RequestForm.train(settings.corpus, FALLBACK_INTENT);
    return new IntentRecogniser(classifier, form, settings, contexts);
  }

  /** The intent names this recogniser knows. */
  intents(): string[] {
    return [...this.slotsOf.keys()];
  }

  /** The model, for saving at build time. */
  exportModel(): string {
    const saved: SavedModel = { classifier: this.classifier.export(), form: this.form.export() };
    return JSON.stringify(saved);
  }

  async recognise(text: string, options: RecogniseOptions): Promise<Recognition> {
    this.dates.clear();
    const scored = await this.classifier.classify(text);
    const top = scored[0] && scored[0].score > 0 ? scored[0] : { intent: FALLBACK_INTENT, score: 0 };
    let best = this.stands(text, top) ? top : { intent: FALLBACK_INTENT, score: 0 };
    let alternatives = this.plausible(text, scored.filter((s) => s.intent !== best.intent && s.score > 0));
    const clause = best.intent === FALLBACK_INTENT ? await this.askedInClause(text, top) : undefined;
    if (clause) {
      alternatives = [...(top.intent === FALLBACK_INTENT ? [top] : []), ...alternatives.filter((s) => s.intent !== clause.intent)].slice(0, 2);
      best = clause;
    }
    const asked = this.askedAboutRules(text, best.intent);
    if (asked) {
      // Asked about the rules in words of a request: the policy answers, the request is the other choice.
      alternatives = [best, ...alternatives.filter((s) => s.intent !== FALLBACK_INTENT)].slice(0, 2);
      best = { intent: FALLBACK_INTENT, score: Math.min(1, asked.rules) };
    }
    const talk = this.smallTalk(text, best, scored);
    if (talk) {
      alternatives = [best, ...alternatives].filter((s) => s.intent !== talk.intent && s.score > 0).slice(0, 2);
      best = talk;
    }
    const recognition: Recognition = {
      intent: best.intent,
      confidence: round(best.score),
      confident: best.score >= this.settings.threshold,
      alternatives: alternatives.map((s) => ({ intent: s.intent, score: round(s.score) })),
      slots: {},
    };
    if (talk?.caught === false) recognition.caught = false;
    Object.assign(recognition, this.slotsFor(text, recognition.intent, options));
    return recognition;
  }

  /**
   * What a message that went to the policy asks for after all. Where the whole message's guess fell
   * short of known words, it stands when one clause is made of words it knows (the rest are the
   * person's reasons). Otherwise, where the policy was the classifier's own best guess or the
   * whole message's guess fell short, a message whose form is a request (request-form.ts) takes
   * the best request intent, of the whole message or of one clause, that knows that part's words
   * and the message's; its low score makes the bot ask.
   */
  private async askedInClause(text: string, wholeTop: ScoredIntent): Promise<ScoredIntent | undefined> {
    const clauses = clausesOf(text, this.settings.isVerb);
    // The whole message's own guess, short of known words only through the other clauses' reasons.
    const knownIn = (clause: string, intent: string) => this.knownShare(clause, intent) >= this.minKnown;
    if (wholeTop.intent !== FALLBACK_INTENT && wholeTop.score >= this.settings.threshold && clauses.some((c) => knownIn(c, wholeTop.intent))) return wholeTop;
    // A request in form still asks for what a request intent knows, whatever the whole message's guess was.
    const weighed = this.form.weigh(text);
    if (weighed.request <= weighed.rules) return undefined;
    let found: ScoredIntent | undefined;
    for (const part of [text, ...clauses]) {
      for (const guess of await this.classifier.classify(part)) {
        if (guess.intent === FALLBACK_INTENT || guess.score <= (found?.score ?? 0) || !knownIn(part, guess.intent)) continue;
        // A short clause can look like anything ("a parent could see it"): its intent must know the message too.
        // Where the whole message's guess fell short, only by its words and above the floor: not by a clause's
        // sureness ("just checking the rules - can we use dropbox …"), nor as all slot ("ok ttyl", "ttyl" an app).
        const policyWasBest = wholeTop.intent === FALLBACK_INTENT;
        if ((policyWasBest || guess.score >= (this.settings.floor ?? 0)) && this.stands(text, guess, part === text || policyWasBest)) found = guess;
      }
    }
    return found;
  }

  /**
   * For an intent that takes slots (a request, a report, a status check): the form network's
   * outputs when it reads the message as asking what the rules are rather than asking for
   * something, with the things the message names left out; undefined otherwise.
   */
  private askedAboutRules(text: string, intent: string): { rules: number } | undefined {
    if (intent === FALLBACK_INTENT || (this.slotsOf.get(intent)?.length ?? 0) === 0) return undefined;
    const weighed = this.form.weigh(text);
    return weighed.rules > weighed.request ? weighed : undefined;
  }

  /**
   * Small talk and the policy told apart by content. The policy gets a message only if some of its
   * content words are words the policy's questions use (by stem or nearest word vector): a message
   * with none ("ok ttyl", "actually don't worry, I'll do it later") that went to the policy takes
   * the classifier's best conversational intent when it is above the threshold, and otherwise is
   * not caught. The other way, a conversational guess below the threshold goes to the policy when
   * the message has a word the policy's questions use and the guessed intent does not know.
   */
  private smallTalk(text: string, best: ScoredIntent, scored: ScoredIntent[]): (ScoredIntent & { caught?: false }) | undefined {
    const policyWords = contentWords(text).filter((t) => this.known.has(FALLBACK_INTENT, t.lower));
    if (best.intent === FALLBACK_INTENT) {
      if (policyWords.length > 0) return undefined;
      const talk = scored.find((s) => CONVERSATIONAL.has(s.intent));
      return talk && talk.score >= this.settings.threshold ? talk : { intent: NOT_CAUGHT_INTENT, score: 0, caught: false };
    }
    if (!CONVERSATIONAL.has(best.intent) || best.score >= this.settings.threshold) return undefined;
    if (!policyWords.some((t) => !this.known.has(best.intent, t.lower))) return undefined;
    return scored.find((s) => s.intent === FALLBACK_INTENT) ?? { intent: FALLBACK_INTENT, score: 0 };
  }

  /** The two best other intents that stand as the best one must: only those are offered as a choice. */
  private plausible(text: string, others: ScoredIntent[]): ScoredIntent[] {
    const found: ScoredIntent[] = [];
    for (const other of others) {
      if (found.length === 2) break;
      if (this.stands(text, other)) found.push(other);
    }
    return found;
  }

  /**
   * Whether a guess stands: enough of the message's words are known to the intent (or the network
   * is sure enough of it anyway, or it names what it takes), and it is above the floor unless
   * every word is known ("away"). `ofText` false: the score is a clause's, which says how sure the
   * network is of the clause, not of the message.
   */
  private stands(text: string, guess: ScoredIntent, ofText = true): boolean {
    if (guess.intent === FALLBACK_INTENT) return true;
    const share = this.knownShare(text, guess.intent);
    const aboveFloor = share >= 1 || guess.score >= (this.settings.floor ?? 0);
    const sure = ofText && (guess.score >= (this.settings.sureEnough ?? Infinity) || this.namesWhatItTakes(text, guess));
    return aboveFloor && (share >= this.minKnown || sure);
  }

  /**
   * A confident guess whose message names the software or system it takes ("cpoms", "TikTok"):
   * the name says what the message is for; the other words are the person's reasons.
   */
  private namesWhatItTakes(text: string, guess: ScoredIntent): boolean {
    if (!this.settings.namesStand || guess.score < this.settings.threshold) return false;
    const { slots } = this.slotsFor(text, guess.intent, { now: new Date(0) });
    return slots.software !== undefined || slots.system !== undefined;
  }

  /**
   * The share of the message's content words that the intent's examples use, by stem or by
   * meaning. The words of the slots found for the intent count as known ("cpoms" as its system,
   * "data loggers" as its device); the words of a date or of a colleague the directory knows count
   * for nothing either way: they say when and who, which any intent may carry, not what is wanted.
   */
  knownShare(text: string, intent: string): number {
    if (intent === FALLBACK_INTENT) return 1;
    const options = { now: new Date(0) };
    const { slots, spans } = this.read(text, intent, options);
    const wordsIn = (ranges: readonly Span[]) => ranges.flatMap((r) => tokenize(text.slice(r.start, r.end)).map((t) => t.lower));
    const slotWords = new Set([...Object.values(slots).flatMap((v) => tokenize(v ?? '').map((t) => t.lower)), ...wordsIn(spans)]);
    const whenAndWho = new Set(wordsIn(this.whenAndWho(text, options)));
    const tokens = contentWords(text).filter((t) => !whenAndWho.has(t.lower) || slotWords.has(t.lower));
    if (tokens.length === 0) return 1;
    return tokens.filter((t) => slotWords.has(t.lower) || this.known.has(intent, t.lower)).length / tokens.length;
  }

  /** Where the message says when (its dates, with "till" or "from") and who (a colleague the directory knows). */
  private whenAndWho(text: string, options: RecogniseOptions): Span[] {
    const person = this.people.find(text, options.senderId);
    return [...this.dates.of(text, options.now).spans, ...(person ? [person] : [])];
  }

  /** Typed text as the answer to one form field (dates and colleagues read as the slots are). */
  answerFor(field: FieldSpec, schema: ZodTypeAny | undefined, text: string, options: RecogniseOptions): TypedAnswer {
    return readTypedAnswer(field, schema, text, { now: options.now, timeZone: this.timeZone, people: this.people, senderId: options.senderId });
  }

  /** The slots an intent takes, read from the message (also for an intent the person tapped). */
  slotsFor(text: string, intent: string, options: RecogniseOptions): Pick<Recognition, 'slots' | 'toChoices'> {
    const { slots, toChoices } = this.read(text, intent, options);
    return toChoices ? { slots, toChoices } : { slots };
  }

  /** The slots an intent takes, as found in the text, and where in the text they were found. */
  private read(text: string, intent: string, options: RecogniseOptions): Pick<Recognition, 'slots' | 'toChoices'> & { spans: Span[] } {
    const into: Pick<Recognition, 'slots' | 'toChoices'> & { spans: Span[] } = { slots: {}, spans: [] };
    const wanted = new Set(this.slotsOf.get(intent) ?? []);
    if (wanted.size === 0) return into;
    const tokens = tokenize(text);
    const slots: Slots = {};
    const dates: DateSlots = wanted.has('from') || wanted.has('until') || tokens.length > 1 ? this.dates.of(text, options.now) : { spans: [] };
    // A word already taken (a date, a known device, a name found) is not part of another slot.
    const taken: Span[] = [...dates.spans];
    const isTaken = (t: Token) => taken.some((r) => t.start >= r.start && t.end <= r.end);
    const device = wanted.has('device') ? findDevice(text, this.contexts.device?.left ?? new Set(), isTaken, this.settings) : undefined;
    // A known device after "to" ("hook up the microbits to the computers") is where the thing goes, unless nothing else is named.
    if (device && !device.target) {
      slots.device = device.value;
      taken.push(device);
    }
    const system = wanted.has('system') ? findNamedSystem(text, this.settings.systems ?? []) : undefined;
    if (system) {
      slots.system = system.value;
      taken.push(system);
    }
    // A colleague the directory knows is never the thing asked about ("has marek approved the …"), wanted or not.
    const match = this.people.find(text, options.senderId);
    if (match?.kind === 'one' && wanted.has('to')) slots.to = match.person.name;
    if (match?.kind === 'several' && wanted.has('to')) into.toChoices = match.people.map((p) => p.name);
    if (match) taken.push(match);
    const isName = (t: Token, index: number) => isNameIn(t, index, this.settings.vectors);
    for (const slot of ['software', 'system', 'device'] as const) {
      if (!wanted.has(slot) || slots[slot]) continue;
      // Devices mostly come from the lexicon; an unknown one needs telling words on both sides.
      let value = findSpan(text, tokens, this.contexts, slot, { skip: isTaken, bothSides: slot === 'device', nameLike: slot === 'system', isName, isVerb: this.settings.isVerb }) ?? (slot === 'device' ? device?.value : undefined);
      // Where the contexts found none or only an English word: a product the lexicon lists, or for a request whose thing is always a product, the name the message writes as one.
      if (slot === 'software' && (!value || isPlainWord(value, text, tokens, isName)) && (findListedName(text, isTaken) || !wanted.has('system'))) {
        // Nor a person or a device the message names ("my own Pixel 8").
        const named = [this.people.find(text), device ?? findDevice(text, this.contexts.device?.left ?? new Set(), isTaken, this.settings)];
        const inside = (t: Token) => named.some((n) => n !== undefined && t.start >= n.start && t.end <= n.end);
        value = findListedName(text, isTaken, value) ?? (wanted.has('system') ? undefined : findName(text, tokens, { skip: (t) => isTaken(t) || inside(t), isName, isVerb: this.settings.isVerb })) ?? value;
      }
      if (slot === 'software' && value) value = listedFirst(text, tokens, isTaken, value);
      if (!value) continue;
      slots[slot] = value = nameWithVersion(value, text);
      const at = text.indexOf(value) >= 0 ? text.indexOf(value) : text.toLowerCase().indexOf(value.toLowerCase());
      taken.push({ start: at, end: at + value.length });
    }
    const loss = wanted.has('lostOrStolen') ? findLossKind(text) : undefined;
    if (loss) slots.lostOrStolen = loss;
    if (wanted.has('from') || wanted.has('until')) {
      if (dates.from && wanted.has('from')) slots.from = dates.from;
      // A lone day ("tonight") says when it happens, not when it ends, where the intent asks for no
      // start or says a lone day is its start: only a day with a word of ending ("back friday") is the end there.
      const startOnly = dates.lone === true && (!wanted.has('from') || this.loneDayStarts.has(intent));
      if (dates.until && wanted.has('until') && !startOnly) slots.until = dates.until;
    }
    into.slots = slots;
    // Where the slots were found: a date's words only when it filled a slot the intent takes.
    into.spans = taken.filter((r) => r.start >= 0 && (slots.from !== undefined || slots.until !== undefined || !dates.spans.includes(r)));
    return into;
  }
}

/** Where in the message something was found. */
type Span = { start: number; end: number };

/** What {@link IntentRecogniser.exportModel} writes: the intent network and the form network. */
interface SavedModel {
  classifier: string;
  form: NeuralNetworkJson;
}

/**
 * A word that names something rather than saying something: written with capitals past the start
 * of the message ("TikTok", "SIMS"), or not an English word at all ("cpoms"), by the word vectors.
 */
function isNameIn(t: Token, index: number, vectors: WordVectorSource | undefined): boolean {
  if (FUNCTION_WORDS.has(t.lower) || GENERIC_NOUNS.has(t.lower) || /^\d/.test(t.lower)) return false;
  const capitalised = t.text !== t.lower && (index > 0 || (t.text.length > 1 && t.text === t.text.toUpperCase()));
  return capitalised || (vectors !== undefined && vectors.vector(t.lower) === undefined);
}

/** A message's content words: function words ("can", "my", "the") are seen with every intent and would prove nothing; nor would numbers. */
function contentWords(text: string): Token[] {
  return tokenize(expandShorthand(text)).filter((t) => !FUNCTION_WORDS.has(t.lower) && !/^\d+$/.test(t.lower));
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
