import { randomUUID } from 'node:crypto';
import type { Clock, DocumentStore, Versioned } from '../ports.js';
import type { HandoffRole, PolicyAnswer } from '../policy/policy-types.js';
import type { Person, Role, Trust } from '../trust/trust.js';
import { QUESTIONS, QUESTIONS_FOR_REPORT, QUESTIONS_TO_PURGE, reportKeys, type ReportKey } from './question-indexes.js';
import { retentionDue } from '../requests/request-indexes.js';

const COLLECTION = QUESTIONS;
export const MAX_QUESTION_LENGTH = 2000;
export const MAX_REPLY_LENGTH = 2000;

/** Who may see the report of unanswered and unhelpful questions (the policy's owners). */
const REPORT_ROLES: readonly Role[] = ['it_manager', 'dpc', 'headteacher', 'ceo'];

/** One question a member of staff asked, what the bot answered, and what happened next. */
export interface QuestionRecord {
  id: string;
  askedAt: string;
  askerId: string;
  text: string;
  answered: boolean;
  topic: string;
  /** The passages quoted, best first: policy text, kept so the card can be shown again as sent. */
  passages: { section: string; text: string; passageId?: string }[];
  nextStep?: string;
  handoffRole: HandoffRole;
  feedback?: { helpful: boolean; at: string };
  /** The taught answer it was answered with, when the policy owner had taught one for a question like it. */
  fromTaught?: string;
  /** The taught answer the policy owner made from this question (it leaves the report while that stands). */
  taughtAs?: string;
  /** "Or did you mean…": the other clause the asker tapped (an index into `passages`), a suggestion for the owner. */
  choice?: { passage: number; at: string };
  /** When the question and any reply were removed under the trust's retention period. */
  purgedAt?: string;
  handoff?: {
    role: HandoffRole;
    toPersonId: string;
    at: string;
    reply?: { text: string; byPersonId: string; at: string };
  };
}

/**
 * Passages worth a place on a phone screen: the best, and up to two nearly as good (a passage's
 * score is the ranker's share of the chance of holding the answer, so at least half as likely).
 */
const MAX_SHOWN = 3;
const SHOWN_SCORE_RATIO = 0.5;

function shownPassages(answer: PolicyAnswer): PolicyAnswer['passages'] {
  const best = answer.passages[0]?.score ?? 0;
  return answer.passages.slice(0, MAX_SHOWN).filter((p, i) => i === 0 || p.score >= best * SHOWN_SCORE_RATIO);
}

/** A refusal the Teams layer shows as a friendly message; nothing was changed. */
export class QuestionActionError extends Error {
  constructor(
    readonly reason: 'not-found' | 'not-yours' | 'not-for-you' | 'already-handed-off' | 'already-replied' | 'no-one-to-ask' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'QuestionActionError';
  }
}

export interface QuestionReport {
  unanswered: QuestionRecord[];
  unhelpful: QuestionRecord[];
  /** Questions whose asker tapped "or did you mean" another clause. */
  suggested: QuestionRecord[];
  total: number;
}

/** Questions, feedback and hand-offs to a person: recorded, checked against who may act. */
export class QuestionService {
  constructor(
    private readonly store: DocumentStore,
    private readonly trust: Trust,
    private readonly clock: Clock,
  ) {}

  async record(asker: Person, text: string, answer: PolicyAnswer, fromTaught?: string): Promise<QuestionRecord> {
    const record: QuestionRecord = {
      id: randomUUID(),
      askedAt: this.clock.now().toISOString(),
      askerId: asker.id,
      text: text.slice(0, MAX_QUESTION_LENGTH),
      answered: answer.answered,
      topic: answer.topic,
      passages: answer.answered ? shownPassages(answer).map((p) => ({ section: p.section, text: p.text, passageId: p.passageId })) : [],
      nextStep: answer.answered ? answer.nextStep : undefined,
      handoffRole: answer.handoffRole,
      ...(fromTaught ? { fromTaught } : {}),
    };
    await this.store.put(COLLECTION, record.id, record, null);
    return record;
  }

  async get(id: unknown): Promise<QuestionRecord> {
    return (await this.load(id)).value;
  }

  /** The question, for its asker only (e.g. to retry passing it on); QuestionActionError for anyone else. */
  async askedBy(id: unknown, by: Person): Promise<QuestionRecord> {
    const question = await this.get(id);
    if (question.askerId !== by.id) throw new QuestionActionError('not-yours', 'Only the person who asked can pass this question on.');
    return question;
  }

  /** Card data is untrusted: the id is checked before it is used as a key. */
  private async load(id: unknown): Promise<Versioned<QuestionRecord>> {
    const doc = typeof id === 'string' && id.length <= 100 ? await this.store.get<QuestionRecord>(COLLECTION, id) : undefined;
    if (!doc) throw new QuestionActionError('not-found', "I couldn't find that question. It may be from before the records were cleared.");
    return doc;
  }

  /** Only the person who asked can say whether the answer helped; the latest opinion counts. */
  async giveFeedback(questionId: unknown, by: Person, helpful: unknown): Promise<QuestionRecord> {
    return this.update(questionId, (q) => {
      if (typeof helpful !== 'boolean') throw new QuestionActionError('invalid', 'That feedback button is not one of mine.');
      if (q.askerId !== by.id) throw new QuestionActionError('not-yours', 'Only the person who asked can rate this answer.');
      q.feedback = { helpful, at: this.clock.now().toISOString() };
    });
  }

  /**
   * "Or did you mean…": the asker picks another of the clauses the answer offered. Recorded as a
   * suggestion for the policy owner; nobody else's answers change until the owner confirms it.
   */
  async choose(questionId: unknown, by: Person, passage: unknown): Promise<QuestionRecord> {
    return this.update(questionId, (q) => {
      if (q.askerId !== by.id) throw new QuestionActionError('not-yours', 'Only the person who asked can choose another clause.');
      if (typeof passage !== 'number' || !Number.isInteger(passage) || passage < 0 || passage >= q.passages.length) {
        throw new QuestionActionError('invalid', 'That button is not one of mine.');
      }
      q.choice = { passage, at: this.clock.now().toISOString() };
    });
  }

  /**
   * Marks the question as taught (`taughtId`) or no longer taught (undefined). Teaching a question
   * already taught is refused, so two owners teaching at once cannot both win.
   */
  async markTaught(questionId: unknown, taughtId: string | undefined): Promise<QuestionRecord> {
    return this.update(questionId, (q) => {
      if (taughtId && q.taughtAs && q.taughtAs !== taughtId) {
        throw new QuestionActionError('invalid', 'Someone has already taught an answer for this question: undo that first.');
      }
      if (taughtId) q.taughtAs = taughtId;
      else delete q.taughtAs;
    });
  }

  /** The people a question can be passed to for a role, the asker's own school first. */
  contactsFor(asker: Person, role: HandoffRole): Person[] {
    const schools = this.trust.schoolsOf(asker);
    const atSchool = schools.flatMap((s) => this.trust.peopleWithRole(role, s));
    const all = [...atSchool, ...this.trust.peopleWithRole(role)];
    return [...new Map(all.map((p) => [p.id, p])).values()].filter((p) => p.id !== asker.id);
  }

  /**
   * Passes the question to the IT manager or DPC (the first of `contactsFor`, or `personId` when
   * the asker chose one); once per question, by its asker. A question not yet replied to may be
   * passed instead to another person with the same role (when the first could not be reached):
   * `previousPersonId` then names who it was passed to before.
   */
  async handOff(questionId: unknown, by: Person, role: unknown, personId?: unknown): Promise<{ question: QuestionRecord; to: Person; previousPersonId?: string }> {
    if (role !== 'it_manager' && role !== 'dpc') throw new QuestionActionError('invalid', 'That button is not one of mine.');
    let to: Person | undefined;
    let previousPersonId: string | undefined;
    const question = await this.update(questionId, (q) => {
      if (q.askerId !== by.id) throw new QuestionActionError('not-yours', 'Only the person who asked can pass this question on.');
      const candidates = this.contactsFor(by, role);
      to = personId === undefined ? candidates[0] : candidates.find((p) => p.id === personId);
      if (personId !== undefined && !to) throw new QuestionActionError('invalid', 'That person cannot take this question.');
      const redirect = q.handoff && !q.handoff.reply && q.handoff.role === role && to && to.id !== q.handoff.toPersonId && personId !== undefined;
      if (q.handoff && !redirect) {
        const already = this.trust.findById(q.handoff.toPersonId)?.name ?? 'someone';
        throw new QuestionActionError('already-handed-off', `You've already sent this question to ${already}.`);
      }
      if (!to) throw new QuestionActionError('no-one-to-ask', 'Nobody holds that role in your trust yet. Please tell your IT manager.');
      previousPersonId = q.handoff?.toPersonId;
      q.handoff = { role, toPersonId: to.id, at: this.clock.now().toISOString() };
    });
    return { question, to: to!, previousPersonId };
  }

  /** The person a question was passed to answers it; the first reply stands. */
  async reply(questionId: unknown, by: Person, text: unknown): Promise<{ question: QuestionRecord; asker: Person | undefined }> {
    const reply = typeof text === 'string' ? text.trim() : '';
    if (!reply) throw new QuestionActionError('invalid', 'Please type a reply before sending.');
    if (reply.length > MAX_REPLY_LENGTH) {
      throw new QuestionActionError('invalid', `Please keep the reply under ${MAX_REPLY_LENGTH} characters.`);
    }
    const question = await this.update(questionId, (q) => {
      if (!q.handoff || q.handoff.toPersonId !== by.id) {
        throw new QuestionActionError('not-for-you', 'This question was sent to someone else, so only they can reply.');
      }
      if (q.handoff.reply) throw new QuestionActionError('already-replied', 'This question has already been answered.');
      q.handoff.reply = { text: reply, byPersonId: by.id, at: this.clock.now().toISOString() };
    });
    return { question, asker: this.trust.findById(question.askerId) };
  }

  canSeeReport(person: Person): boolean {
    return REPORT_ROLES.some((role) => this.trust.hasRole(person, role));
  }

  /** Unanswered and unhelpful questions, newest first, for the policy's owners. */
  async report(by: Person): Promise<QuestionReport> {
    if (!this.canSeeReport(by)) {
      throw new QuestionActionError('not-for-you', 'The questions report is for the IT manager, the Data Protection Champion and school leaders.');
    }
    const newestFirst = (list: QuestionRecord[]) => list.sort((a, b) => b.askedAt.localeCompare(a.askedAt));
    const listed = async (key: ReportKey) => newestFirst((await this.store.find(QUESTIONS_FOR_REPORT, key)).filter((q) => reportKeys(q).includes(key)));
    return {
      total: await this.store.count(COLLECTION),
      unanswered: await listed('unanswered'),
      unhelpful: await listed('unhelpful'),
      suggested: await listed('suggested'),
    };
  }

  /**
   * Removes the words of questions and replies older than the trust's retention period, keeping
   * the record (when, who, outcome, sections) for reporting. Returns the ids purged.
   */
  async purgeExpiredFreeText(): Promise<string[]> {
    const keepMs = this.trust.data.retention.freeTextDays * 24 * 60 * 60 * 1000;
    const now = this.clock.now();
    const purged: string[] = [];
    for (const q of await this.store.find(QUESTIONS_TO_PURGE, retentionDue(now, keepMs))) {
      if (q.purgedAt || now.getTime() - Date.parse(q.askedAt) < keepMs) continue;
      await this.update(q.id, (current) => {
        current.text = '(removed after the retention period)';
        if (current.handoff?.reply) current.handoff.reply.text = '(removed after the retention period)';
        current.purgedAt = now.toISOString();
      });
      purged.push(q.id);
    }
    return purged;
  }

  /** Re-reads, changes and writes a question; a concurrent change makes it start again. */
  private async update(questionId: unknown, change: (q: QuestionRecord) => void): Promise<QuestionRecord> {
    for (let attempt = 0; ; attempt++) {
      const doc = await this.load(questionId);
      change(doc.value);
      try {
        await this.store.put(COLLECTION, doc.value.id, doc.value, doc.version);
        return doc.value;
      } catch (err) {
        if (attempt >= 3 || (err as Error).name !== 'VersionConflictError') throw err;
      }
    }
  }
}
