/**
 * The utterance corpus the recogniser learns from: one entry per intent, each utterance written
 * as staff type it, with slot values marked `[Audacity](software)`.
 */

/** The intents named in issue 11; each request kind adds its own (named after its folder). */
export const CORE_INTENTS = [
  'question',
  'software-install',
  'password-sharing',
  'personal-device',
  'lost-device',
  'my-requests',
  'waiting-for-me',
  'delegate',
  'back',
  'greeting',
  'thanks',
  'goodbye',
  'help',
  'cancel',
  'registers',
  'report',
  'reload-policy',
] as const;

/** The slots a message can carry. */
export const SLOT_NAMES = ['software', 'device', 'to', 'system', 'from', 'until', 'lostOrStolen'] as const;
export type SlotName = (typeof SLOT_NAMES)[number];
export type Slots = Partial<Record<SlotName, string>>;

/** How one intent is asked for, and which slots it takes. */
export interface IntentExamples {
  intent: string;
  slots: SlotName[];
  utterances: string[];
  /**
   * Those of the utterances that ask for something for the speaker's own case though no flow
   * serves it ("can I park in the disabled bay"): the intent's own, and requests in form (request-form.ts).
   */
  asks?: string[];
  /**
   * A day named alone says when it starts, not a one-day thing ("taking the files home tonight",
   * "access on friday"): it fills `from` only. Otherwise it fills both ends (a login used on friday).
   */
  loneDayStarts?: boolean;
  /**
   * Everyday messages people wrote for this intent (labelled sets, not written for the corpus):
   * the classifier and the known words learn from them too; the form network and the slot
   * contexts learn from the utterances alone (a message's form and slots are not marked).
   */
  messages?: string[];
}

/** Everything the classifier learns an intent from: its utterances and its labelled messages. */
export function examplesOf(entry: IntentExamples): string[] {
  return entry.messages ? [...entry.utterances, ...entry.messages] : entry.utterances;
}

/** A corpus with labelled messages added to their intents (an intent the corpus lacks is an error). */
export function withMessages(corpus: readonly IntentExamples[], messages: ReadonlyArray<{ intent: string; text: string }>): IntentExamples[] {
  const byIntent = new Map<string, string[]>();
  for (const m of messages) byIntent.set(m.intent, [...(byIntent.get(m.intent) ?? []), m.text]);
  const known = new Set(corpus.map((e) => e.intent));
  for (const intent of byIntent.keys()) if (!known.has(intent)) throw new Error(`a labelled message has intent "${intent}", which the corpus does not know`);
  return corpus.map((e) => (byIntent.has(e.intent) ? { ...e, messages: [...(e.messages ?? []), ...byIntent.get(e.intent)!] } : e));
}

/** One utterance with its marks taken out: the plain text and the marked spans. */
export interface AnnotatedUtterance {
  text: string;
  marks: Array<{ slot: string; value: string; start: number; end: number }>;
}

const MARK = /\[([^\]]+)\]\((\w+)\)/g;

/** Reads `[value](slot)` marks out of an utterance. */
export function parseUtterance(utterance: string): AnnotatedUtterance {
  const marks: AnnotatedUtterance['marks'] = [];
  let text = '';
  let last = 0;
  for (const m of utterance.matchAll(MARK)) {
    text += utterance.slice(last, m.index);
    marks.push({ slot: m[2], value: m[1], start: text.length, end: text.length + m[1].length });
    text += m[1];
    last = m.index! + m[0].length;
  }
  text += utterance.slice(last);
  return { text, marks };
}

/** Checks a corpus read from files: known slot names, no intent twice, no empty intent. */
export function validateCorpus(entries: readonly IntentExamples[]): IntentExamples[] {
  const seen = new Set<string>();
  for (const e of entries) {
    if (!e.intent || seen.has(e.intent)) throw new Error(`intent "${e.intent}" is missing or given twice in the corpus`);
    seen.add(e.intent);
    if (!Array.isArray(e.utterances) || e.utterances.length === 0) throw new Error(`intent "${e.intent}" has no utterances`);
    for (const s of e.slots ?? []) if (!(SLOT_NAMES as readonly string[]).includes(s)) throw new Error(`intent "${e.intent}" names unknown slot "${s}"`);
  }
  for (const name of CORE_INTENTS) if (!seen.has(name)) throw new Error(`the corpus has no examples of "${name}"`);
  return entries.map((e) => ({ intent: e.intent, slots: e.slots ?? [], utterances: [...e.utterances, ...(e.asks ?? [])], ...(e.asks ? { asks: e.asks } : {}), ...(e.loneDayStarts ? { loneDayStarts: true } : {}) }));
}
