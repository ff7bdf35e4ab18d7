/**
 * Reading a question: surface forms rewritten, typos mended, clauses split and marked as asking or
 * telling, and scene-setting phrases (a purpose, place, time or reason) found.
 */
import { isParticleStem, tokens, type Token } from './text.js';
import { mendTypos } from './spelling.js';
import { CHAT_SHORTHAND } from './vocabulary.js';
import type { PolicyIndex } from './policy-index.js';

/** Rewrites a few surface forms before tokenising ("year 10" is a pupil, "e-mail" is email). */
export function normaliseQuestion(question: string): string {
  return question
    .replace(/\b(?:year|yr|y)\s?\d{1,2}s?\b/gi, ' year group ')
    .replace(/\b(?:ks|key stage)\s?\d\b/gi, ' year group ')
    .replace(/\be-mail/gi, 'email')
    .replace(/[a-z0-9]+/gi, (w) => CHAT_SHORTHAND.get(w.toLowerCase()) ?? w)
    // "stop them seeing my number" prevents something; it does not switch anything off.
    .replace(/\bstop(?=\s+(?:them|him|her|people|everyone|anyone|others|parents|pupils|kids|students|staff)\b)/gi, 'prevent')
    // "a folder called 'HR'" names it; nobody phoned anyone.
    .replace(/\b(?:called|named)\s+(?=['"\u2018\u201c]|[A-Z])/g, '')
    // "loads of popups" is many popups, not loading software.
    .replace(/\b(?:loads|lots|a load|a lot|tons|heaps) of\b/gi, 'many')
    // "let a supply teacher use my laptop": letting someone use a thing is lending it.
    .replace(/\blet\b(?=(?:\s+[\w']+){1,3}\s+(?:use|have|borrow|go on|log on|log in)\b)/gi, 'lend');
}

/** Where a question's clauses break: punctuation, or a dash between spaces. */
const CLAUSE_BREAK_CAPTURE_RE = /([,;:?!()]+|\.(?:\s|$)|\s[-\u2013\u2014]+\s)/;
/** Words that open a clause asking something. */
const QUESTION_OPENERS = new Set(
  'can could may might must shall should is am are was were do does did will would how what whats who whom where when why which any anything ok okay legit need have'.split(' '),
);
/** Words that begin a phrase saying where, when, why or for what ("on the bus", "to print some worksheets"). */
const PLACE_MARKERS = new Set(['in', 'on', 'at', 'over', 'during', 'for']);
/** Verbs after which "on" or "in" was stranded at the end of a phrase ("names on need shredding"), not a place. */
const STRANDED_BEFORE = new Set('need needs go goes get gets want wants make makes'.split(' '));
/** Verbs whose "for" is part of them ("ask for", "apply for", "look for"). */
const FOR_COMPLEMENTS = new Set('ask asking asked apply applying applied look looking looked wait waiting pay paying paid search searching request requesting register registering sign signing account'.split(' '));
const REASON_MARKERS = new Set(['because', 'cos', 'since', 'while', 'whilst', 'like']);
/** Words that begin a clause whose scene-setting phrase comes first ("on the trip, can I ..."). */
const FRONTED_MARKERS = new Set(['in', 'on', 'at', 'over', 'during', 'for', 'while', 'whilst']);
const DETERMINERS = new Set('my the a an our your his her their this that these those its some any all every each me him them us'.split(' '));
/** Words after which "to" continues the question itself ("want to", "allowed to", "safe to"). */
const TO_LEADS = new Set(
  ('want wants wanted need needs needed like liked try trying tried able allowed permitted supposed meant going gone have has had ' +
    'ok okay fine safe alright acceptable possible better best wise legal appropriate necessary required expected asked asking told ' +
    'tell plan planning hoping hope way easiest easy quick right wrong ask going used use using').split(' '),
);
const PRONOUNS = new Set('i you he she it we they her him them me us whom who what which where'.split(' '));
const SO_SUBJECTS = new Set('i we they he she that it you the pupils kids'.split(' '));
const CLAUSE_JOINS = new Set(['and', 'or', 'but']);

/**
 * Marks the tokens of a question that set the scene rather than say what is asked: a purpose
 * ("to print some worksheets", "so I can read them at home"), a place or time ("on the bus",
 * "over half term") or a reason, once the question has said what it is about; and a fronted
 * phrase of that kind ("on the trip, ..."). Each runs to the end of its clause or to "and"/"or".
 */
export class DetailTracker {
  private inDetail = false;
  private content = 0;
  private next = 0;

  /**
   * @param isPhrase whether two words make one term of the dictionary ("look at", "log on"): a
   *   preposition that completes its verb that way names no place.
   */
  constructor(
    private readonly toks: readonly Token[],
    private readonly clauseStarts: ReadonlySet<number>,
    private readonly isPhrase: (words: string) => boolean = () => false,
  ) {}

  /** Whether token i (the next one not yet consumed) is part of a detail. */
  at(i: number): boolean {
    const { toks } = this;
    for (; this.next <= i; this.next++) {
      const k = this.next;
      const t = toks[k];
      if (this.clauseStarts.has(k)) this.inDetail = FRONTED_MARKERS.has(t.word) && this.laterClauseHasContent(k);
      else if (CLAUSE_JOINS.has(t.word)) this.inDetail = false;
      else if (!this.inDetail && this.opensDetail(k)) this.inDetail = true;
    }
    return this.inDetail;
  }

  /** Tokens i..i+n-1 were taken as one unit: a marker inside a phrase ("log on") opens nothing. */
  consumed(i: number, n: number): void {
    for (let k = i; k < i + n; k++) {
      const t = this.toks[k];
      if (!t.stop && !isParticleStem(t.stem)) this.content++;
    }
    if (n > 1) this.next = Math.max(this.next, i + n);
  }

  private opensDetail(k: number): boolean {
    const t = this.toks[k];
    const after = this.toks[k + 1];
    if (!after) return false;
    const prev = this.toks[k - 1];
    // "ask for unpaid leave": "for" completes the verb rather than adding a purpose.
    if (t.word === 'for' && prev && FOR_COMPLEMENTS.has(prev.word)) return false;
    // "who may look at the footage": "look at" is one verb; the footage is what is asked about.
    if (PLACE_MARKERS.has(t.word) && prev && !prev.stop && this.isPhrase(`${prev.word} ${t.word}`)) return false;
    if (PLACE_MARKERS.has(t.word)) return this.content >= 2 && (DETERMINERS.has(after.word) || (!after.stop && !STRANDED_BEFORE.has(after.word)));
    if (REASON_MARKERS.has(t.word)) return this.content >= 1;
    if (t.word === 'so') return this.content >= 2 && SO_SUBJECTS.has(after.word);
    if (t.word === 'to') {
      return this.content >= 2 && !!prev && !prev.stop && !isParticleStem(prev.stem) && !TO_LEADS.has(prev.word) && !DETERMINERS.has(after.word) && !PRONOUNS.has(after.word);
    }
    return false;
  }

  private laterClauseHasContent(k: number): boolean {
    let clause = 0;
    for (let j = k; j < this.toks.length; j++) {
      if (j > k && this.clauseStarts.has(j)) clause++;
      if (clause > 0 && !this.toks[j].stop && !isParticleStem(this.toks[j].stem)) return true;
    }
    return false;
  }
}

/** A question as tokens, with where its clauses start and whether each token's clause asks something. */
export interface ReadQuestion {
  toks: Token[];
  clauseStarts: Set<number>;
  /** Per token: whether its clause asks something (rather than telling the situation). */
  asking: boolean[];
}

/** Normalises, mends and tokenises a question clause by clause. */
export function readQuestion(index: PolicyIndex, question: string): ReadQuestion {
  // Clauses are tokenised apart so that a scene-setting phrase ends with its clause.
  const toks: Token[] = [];
  const clauseStarts = new Set<number>();
  const asking: boolean[] = [];
  const known = index.synonyms?.knows?.bind(index.synonyms);
  const normalised = normaliseQuestion(question);
  const parts = (known ? mendTypos(normalised, known, index.spellings) : normalised).split(CLAUSE_BREAK_CAPTURE_RE);
  for (let k = 0; k < parts.length; k += 2) {
    const t = tokens(parts[k] ?? '');
    if (!t.length) continue;
    const asks = (parts[k + 1] ?? '').includes('?') || QUESTION_OPENERS.has(t[0].word);
    clauseStarts.add(toks.length);
    toks.push(...t);
    asking.push(...t.map(() => asks));
  }
  return { toks, clauseStarts, asking };
}
