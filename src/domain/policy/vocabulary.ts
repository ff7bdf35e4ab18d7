/**
 * The words staff use and the words policies use, grouped into concepts: data in
 * vocabulary.json, each entry saying where it comes from and which group it belongs to. A
 * question that mentions any term of a concept is matched against every term of it. Terms are
 * phrases in plain English; they are stemmed when the index is built.
 *
 * The groups describe UK school IT and information security in general (and some everyday
 * school matters that such policies do not cover, so that those are recognised as such).
 */
import vocabulary from './vocabulary.json' with { type: 'json' };
import type { PolicyTopic } from './policy-types.js';

/** A group of words and phrases that mean the same thing for the purpose of finding a clause. */
export interface Concept {
  id: string;
  terms: readonly string[];
  /** Where the entry comes from: a key of vocabulary.json's `sources` ("hand, school-and-IT"). */
  source?: string;
  /** The part of the vocabulary it belongs to ("devices and equipment"), for measuring each part's worth. */
  group?: string;
  /** The answer topic a question about this concept falls under. */
  topic?: PolicyTopic;
  /** How much the concept says about what a question is about (default 1). */
  weight?: number;
  /** People and places: they set the scene of a question; a policy that never names them may still answer it. */
  context?: boolean;
  /** Ids of wider concepts whose words also count, for less (a phone is a device). */
  broader?: readonly string[];
  /** A school matter information security policies do not deal with (pay, parking, rooms...). */
  offTopic?: boolean;
  /**
   * An action done to something ("install", "forward"): a word the policy lacks right after it
   * names an instance of what the action applies to ("install Audacity"), not a new subject.
   */
  action?: boolean;
}

/** Where the vocabulary's entries come from, by the name each entry gives in `source`. */
export const VOCABULARY_SOURCES: Readonly<Record<string, string>> = vocabulary.sources;

/** The concepts of vocabulary.json, checked: each names a known source and has terms. */
export const CONCEPTS: readonly Concept[] = (vocabulary.concepts as Concept[]).map((c) => {
  if (!c.source || !(c.source in VOCABULARY_SOURCES) || !c.terms.length) throw new Error(`vocabulary.json: concept ${c.id} needs a known source and terms`);
  return c;
});

/** The vocabulary's groups, in order. */
export const VOCABULARY_GROUPS: readonly string[] = [...new Set(CONCEPTS.map((c) => c.group ?? ''))];

/** Words that say little about what a question is about; they count for little when matching. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  (
    'school schools staff trust work working use using used need needs want get got go going make let thing things stuff ' +
    'someone somebody anyone anybody something anything way time day today now right really actually sure know think say ' +
    'rule rules policy happen happens new old bit lot fine good bad also able ok okay allowed allow like just please ' +
    'question wondering wonder quick check still supposed meant bring take put keep after ever next procedure procedures process steps goes gone went nothing everything many much round around long somehow anyhow anyway somewhere first probably maybe perhaps definitely basically literally honestly pretty'
  ).split(' '),
);

/**
 * Chat shorthand staff type on a phone, and the words it stands for. Only forms that mean one
 * thing in a school chat are listed ("sat" and "wed" are words too; "hr" is human resources).
 */
export const CHAT_SHORTHAND: ReadonlyMap<string, string> = new Map(
  Object.entries({
    tmrw: 'tomorrow', tmrow: 'tomorrow', tmr: 'tomorrow', tmw: 'tomorrow', tomoz: 'tomorrow', '2moro': 'tomorrow', '2morrow': 'tomorrow',
    tdy: 'today', '2day': 'today', yday: 'yesterday', yest: 'yesterday', tonite: 'tonight', '2nite': 'tonight',
    mon: 'monday', tues: 'tuesday', tue: 'tuesday', weds: 'wednesday', thurs: 'thursday', thur: 'thursday', thu: 'thursday', fri: 'friday',
    wk: 'week', wks: 'weeks', wknd: 'weekend', mins: 'minutes', secs: 'seconds',
    vid: 'video', vids: 'videos', pic: 'picture', pics: 'pictures', msg: 'message', msgs: 'messages', doc: 'document', docs: 'documents',
    dept: 'department', depts: 'departments', govs: 'governors', ppl: 'people', tchr: 'teacher', tchrs: 'teachers', sch: 'school',
    pw: 'password', pwd: 'password', pwds: 'passwords', hw: 'homework', info: 'information',
    pls: 'please', plz: 'please', thx: 'thanks', ty: 'thanks', u: 'you', ur: 'your', r: 'are', b4: 'before', abt: 'about',
    coz: 'because', cos: 'because', cuz: 'because', bc: 'because', sth: 'something', smth: 'something', w: 'with',
    prob: 'probably', probs: 'probably', defo: 'definitely', def: 'definitely', obvs: 'obviously', asap: 'as soon as possible', atm: 'at the moment',
  }),
);
