/**
 * What a question asks of its subject (its aspect: who, when, how long, whether allowed, what to
 * do...) read from its form, and which aspects a clause can answer read from its structure (a named
 * role or contact, a duration, a deadline, a procedure, a sanction...). A clause on the right
 * subject that gives no answer of the kind asked ("how long do we keep CCTV footage" and a clause
 * that only says CCTV is used) is a neighbour, not an answer. Only English grammar and structure
 * are read here, never a topic's words.
 */
import type { IndexedPassage, PolicyIndex } from './policy-index.js';
import { ngrams } from './policy-index.js';
import { contentStems, words } from './text.js';

/** The kinds of answer a question can ask for. */
export type Aspect = 'frequency' | 'deadline' | 'time' | 'duration' | 'quantity' | 'consequence' | 'person' | 'place' | 'procedure' | 'reason' | 'definition' | 'permission';

/** "how often do I change it": a question asking how often (read by abstention.ts's fact questions too). */
export const FREQUENCY_QUESTION = /\bhow (?:often|frequently|regularly)\b|\bhow many times\b/i;

/**
 * Question forms, most specific first; the first that matches is the aspect asked. "how long do I
 * have to report it" asks for a deadline, "how long do we keep it" for a duration.
 */
const QUESTION_FORMS: readonly (readonly [Aspect, RegExp])[] = [
  ['frequency', FREQUENCY_QUESTION],
  ['deadline', /\bhow long (?:do|does|did|will|would|should|have|has)\b[^?.]*\b(?:have|got) to\b|\bhow (?:soon|quickly|fast)\b|\bby when\b|\bwhat time\b(?!\s+(?:period|frame|span))|\bdeadline\b/i],
  // "when should I ...": a time, or the circumstances ("if it may be compromised"); not "when I'm at home, can I ...".
  ['time', /(?:^|[,.;?!]\s*)when\b(?!\s+(?:i|i'm|im|we|we're|you|you're|they|they're|he|she|it|it's|someone|somebody|a|an|the|my|our|your)\b)/i],
  ['duration', /\bhow long\b(?!\s+ago)|\bfor how (?:long|many)\b|\bhow many (?:days|weeks|months|years|hours|minutes|terms)\b|\buntil when\b/i],
  ['quantity', /\bhow (?:many|much)\b|\bwhat (?:length|size)\b|\b(?:minimum|maximum)\b/i],
  ['consequence', /\bwhat (?:happens|will happen|would happen|could happen)\b|\b(?:in trouble|sacked|fired|punish\w*|disciplin\w*|consequences?|penalt\w*)\b/i],
  ['person', /\bwho(?:m|se)?\b|\bwhich (?:person|member|colleague|team|department|manager)\b|\b(?:report|tell|inform|notify|contact|ask|speak to|talk to|go to|send)\b[^?.,;]*\bto\s*[?.!]?\s*$/i],
  ['place', /\bwhere\b/i],
  ['procedure', /\bwhat (?:do|should|shall|must|can|would|have) (?:i|we|you|they|staff) (?:do|to do)\b|\bhow (?:do|can|should|would|shall|must|might) (?:i|we|you|they|staff|someone)\b|\bhow to\b|\bwhat(?:'s| is| are) the (?:procedure|process|steps?)\b|\bwhat now\b/i],
  ['reason', /\bwhy\b/i],
  ['definition', /\bwhat (?:is|are|counts as|does\b[^?]*\bmean)\b|\bdefin(?:e|ition)\b|\bmeaning of\b/i],
  [
    'permission',
    /^\s*(?:\w+\s*,\s*)?(?:can|could|may|must|should|shall|am|are|is|do|does|would)\b|\b(?:can|could|may|must|should) (?:i|we|you|staff|they|he|she)\b|\b(?:allowed|ok(?:ay)?|permitted|alright|all right|fine|have to|need to|supposed to)\b/i,
  ],
];

/** The aspect a question asks for, or undefined when its form says none. */
export function askedAspect(question: string): Aspect | undefined {
  for (const [aspect, re] of QUESTION_FORMS) if (re.test(question)) return aspect;
  return undefined;
}

const COUNT = String.raw`(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred)`;
const TIME_UNIT = String.raw`(?:seconds?|minutes?|mins?|hours?|hrs?|days?|working days?|school days?|weeks?|fortnights?|months?|terms?|half[- ]terms?|years?|academic years?)`;
/** A span of time: "30 days", "six months", "a year", "until", "for the duration of". */
const DURATION_RE = new RegExp(String.raw`\b${COUNT}[\s-]+${TIME_UNIT}\b|\buntil\b|\bfor the (?:duration|period|length|life(?:time)?) of\b|\bno longer than\b|\bas long as\b|\bindefinitely\b|\bpermanently\b|\bretention (?:period|schedule)\b|\bretained for\b|\bkept for\b`, 'i');
/** A limit in time: "immediately", "within 24 hours", "by the end of" (not a bare "before": too often a sequence). */
const DEADLINE_RE = /\b(?:immediately|promptly|straight ?away|as soon as|without delay|at once|within|by the end of|no later than|deadline|on the same day|the next working day)\b/i;
const FREQUENCY_RE = /\b(?:every\s+(?:\d+\s+|few\s+|other\s+)?\w+|daily|weekly|fortnightly|monthly|termly|annually|yearly|regularly|periodically|(?:once|twice|\w+ times) (?:a|an|per|each|every) \w+|per (?:day|week|month|term|year)|at least once)\b/i;
/** A count that is not a section reference or a year. */
const QUANTITY_RE = /(?<![\d.])\b(?!(?:19|20)\d\d\b)\d+(?:\.\d+)?\b(?![.\d])|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred)\b|\b(?:minimum|maximum|at least|at most|no more than|up to)\b/i;
const CONSEQUENCE_RE = /\b(?:disciplinary|dismissal|dismissed|sanctions?|liable|misconduct|penalt(?:y|ies)|action (?:may|will|could) be taken|breach(?:es)? of (?:this|the) policy|criminal|prosecut\w*|withdrawn|suspended|required to (?:make|pay))\b/i;
/** A role, office or contact named: who to tell, who decides. */
const ROLE_RE = /\b(?:manager|head ?teacher|head of|principal|champion|officer|lead|leader|leadership|slt|ceo|governors?|trustees?|director|bursar|administrator|helpdesk|help desk|service ?desk|it (?:team|department|support|provider|services)|police|line manager|dpo|designated)\b|[\w.+-]+@[\w-]+\.[\w.]+|\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][a-z]+/i;
/** Verbs of telling or handing over: a clause saying to whom, or what to do next. */
const CONTACT_RE = /\b(?:report(?:ed|ing)?|inform(?:ed)?|notif(?:y|ied)|contact(?:ed)?|tell|told|alert(?:ed)?|escalat\w*|refer(?:red)?|consult(?:ed)?|seek (?:advice|permission|approval)|ask for|request(?:ed)? (?:from|through|via))\b/i;
/** Steps: a sequence, an imperative opening, "the following", a named procedure. */
const STEPS_RE = /\b(?:first(?:ly)?|then|next|finally|ensure|make sure|follow(?:ing)?|steps?|procedures?|process|checklist|log (?:it|a call|a ticket)|complete (?:a|the)|fill in|submit|return (?:it|them|all))\b/i;
const REASON_RE = /\b(?:because|in order to|so that|so as to|to ensure|to protect|to prevent|to avoid|to minimise|to reduce|to safeguard|since|otherwise|as (?:this|these|it|they) (?:may|could|can|will|would)|risk|purpose|reason)\b/i;
const DEFINITION_RE = /\b(?:means|is defined as|are defined as|refers? to|is any|are any|includes?|including|such as|for example|e\.g\.|i\.e\.|in other words|known as)\b|"[^"]+"\s+(?:is|are|means)\b/i;
const RULE_RE = /\b(?:must|should|shall|required|requires|not permitted|permitted|prohibited|forbidden|not allowed|allowed|never|do not|don't|may|cannot|can only|only be|is not acceptable|are not to|not entitled|responsible for|will be|acceptable|unacceptable)\b/i;
/** A place or location: where something is kept, saved or taken. */
const PLACE_RE = /\b(?:in|on|at|into|onto|inside|within|to|from)\s+(?:the|a|an|their|your|its|our|any)?\s*(?:[\w-]+\s+){0,2}(?:boot|drawer|cabinet|cupboard|room|office|building|site|premises|drive|folder|server|network|cloud|system|area|locker|safe|reception|home|car|desk|location|platform|portal|area)s?\b|\bwhere\b|\blocked\b|\bon[- ]site\b|\boff[- ]site\b/i;
/** Circumstances: "when" is answered by "if it is lost" as well as by a date. */
const CONDITION_RE = /\b(?:if|when|whenever|once|in the event|where|after|before|on (?:leaving|joining))\b/i;
/** People every rule addresses: naming them says whom a rule binds, not who to turn to. */
const AUDIENCE = new Set('staff employee employees user users member members person people individual individuals colleague colleagues worker workers personnel everyone anyone someone somebody anybody you they'.split(' '));

/** The aspects a clause answers, read from its text and (for a list item) its lead-in. */
function aspectsOfText(text: string, index?: PolicyIndex): Set<Aspect> {
  const out = new Set<Aspect>();
  if (FREQUENCY_RE.test(text)) out.add('frequency');
  if (DURATION_RE.test(text)) out.add('duration');
  if (DEADLINE_RE.test(text) || DURATION_RE.test(text)) out.add('deadline');
  if (QUANTITY_RE.test(text)) out.add('quantity');
  if (CONSEQUENCE_RE.test(text)) out.add('consequence');
  if (ROLE_RE.test(text) || namesAPerson(text, index)) out.add('person');
  if (PLACE_RE.test(text)) out.add('place');
  if (CONTACT_RE.test(text) || STEPS_RE.test(text) || opensWithAnInstruction(text, index)) out.add('procedure');
  if (REASON_RE.test(text)) out.add('reason');
  if (DEFINITION_RE.test(text)) out.add('definition');
  if (RULE_RE.test(text)) out.add('permission');
  return out;
}

/** Words after which a person named is the one turned to ("report it to the bursar", "approved by the head"). */
const TURNED_TO = new Set('to by from contact contacting inform informing notify notifying tell telling ask asking consult consulting via through'.split(' '));
const PERSON_DETERMINERS = new Set('the a an your their our its his her any relevant appropriate nominated named designated school schools trust'.split(' '));

/**
 * Whether a person is named as the one to turn to: a noun whose first sense is a person in WordNet
 * (noun.person), other than the rule's audience, just after a word of telling or handing over.
 */
function namesAPerson(text: string, index?: PolicyIndex): boolean {
  const wn = index?.synonyms;
  if (!wn?.nounKind) return false;
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    if (!TURNED_TO.has(ws[i])) continue;
    for (let j = i + 1; j < Math.min(ws.length, i + 4); j++) {
      const w = ws[j];
      if (PERSON_DETERMINERS.has(w)) continue;
      if (!AUDIENCE.has(w) && wn.nounKind(w) === 'noun.person') return true;
      break;
    }
  }
  return false;
}

/** Whether a sentence opens with a verb in the imperative ("Report it to...", "Do not..."): an instruction. */
function opensWithAnInstruction(text: string, index?: PolicyIndex): boolean {
  const senses = index?.synonyms?.senseCounts?.bind(index.synonyms);
  for (const s of text.split(/(?<=[.!?;:])\s+/)) {
    const first = words(s)[0];
    if (!first) continue;
    if (first === 'do' || first === 'never' || first === 'always' || first === 'please') return true;
    const c = senses?.(first);
    // Mostly a verb and not a noun at all in WordNet ("ensure", "report" is both and is caught by CONTACT_RE).
    if (c && c.other > 0 && c.noun === 0) return true;
  }
  return false;
}

const passageAspects = new WeakMap<IndexedPassage, Set<Aspect>>();

/** The aspects a passage answers (cached per passage: they do not depend on the question). */
export function aspectsOf(p: IndexedPassage, index?: PolicyIndex): ReadonlySet<Aspect> {
  let a = passageAspects.get(p);
  if (!a) {
    a = aspectsOfText(p.passage.leadIn ? `${p.passage.leadIn} ${p.passage.text}` : p.passage.text, index);
    passageAspects.set(p, a);
  }
  return a;
}

/** Whether the passage answers the aspect asked ("where" is answered by a place or by whom to tell). */
export function answersAspect(p: IndexedPassage, aspect: Aspect, index?: PolicyIndex): boolean {
  const a = aspectsOf(p, index);
  if (aspect === 'place') return a.has('place') || a.has('person');
  if (aspect === 'time') return a.has('deadline') || a.has('frequency') || CONDITION_RE.test(p.passage.text);
  if (aspect === 'procedure') return a.has('procedure') || a.has('person');
  return a.has(aspect);
}

const passageTopics = new WeakMap<IndexedPassage, Set<string>>();

/** Removes what a text mentions only as an example or aside (brackets, "such as ...", "including ..." to the end of the phrase). */
export function withoutAsides(text: string): string {
  return text
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\b(?:such as|for example|for instance|e\.g\.?|i\.e\.?|including|includes?|like|etc\.?)\b[^.;:!?]*/gi, ' ');
}

/**
 * A passage's topic as stemmed n-grams: its section title, its list lead-in and its own text
 * without asides. A subject named only as an example is not its topic. Measured by bench:decline
 * (bench/question-signals.ts) as a signal of answerability and tried as a ranking signal; neither
 * helped (bench/results.md), so answering does not use it.
 */
export function topicGrams(p: IndexedPassage): ReadonlySet<string> {
  let t = passageTopics.get(p);
  if (!t) {
    t = new Set([...p.titleGrams, ...p.leadGrams, ...ngrams(contentStems(withoutAsides(p.passage.text))).keys()]);
    passageTopics.set(p, t);
  }
  return t;
}
