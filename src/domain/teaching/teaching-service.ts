import { randomUUID } from 'node:crypto';
import type { Clock, DocumentStore, Versioned } from '../ports.js';
import type { IndexedPassage, PolicyIndex } from '../policy/policy-index.js';
import { QuestionActionError, type QuestionRecord, type QuestionService } from '../questions/question-service.js';
import { recordAudit, SYSTEM_ACTOR } from '../requests/audit.js';
import type { Person, Role, Trust } from '../trust/trust.js';
import { prepareQuestion, questionSimilarity } from './question-similarity.js';
import { clauseOf, locateClause, type TaughtAnswer } from './taught-answer.js';
import { TAUGHT_ANSWERS, TAUGHT_BY_STATE } from './teaching-indexes.js';

/** Who may teach the bot: the policy's owners for questions staff hand off (roles of the trust file). */
const TEACH_ROLES: readonly Role[] = ['it_manager', 'dpc'];
export const MAX_TAUGHT_REPLY_LENGTH = 1000;
/** A clause or section number typed by the owner ("4.2", "s5"): short. */
const MAX_REFERENCE_LENGTH = 40;

/** What a policy reload did to the taught answers. */
export interface ReconcileResult {
  kept: number;
  /** Taught answers whose clause the new policy no longer has; they no longer answer anything. */
  dropped: TaughtAnswer[];
}

/**
 * Answers the policy's owners teach for questions the bot answered badly: stored per trust,
 * audited, undoable, checked against the policy on every reload.
 */
export class TeachingService {
  constructor(
    private readonly store: DocumentStore,
    private readonly trust: Trust,
    private readonly clock: Clock,
    private readonly questions: QuestionService,
  ) {}

  canTeach(person: Person): boolean {
    return TEACH_ROLES.some((role) => this.trust.hasRole(person, role));
  }

  /** Taught answers of this trust in one state, newest first. */
  async list(state: TaughtAnswer['state']): Promise<TaughtAnswer[]> {
    const found = await this.store.find(TAUGHT_BY_STATE, `${this.trust.data.trust.id}:${state}`);
    return found.filter((t) => t.state === state).sort((a, b) => b.taughtAt.localeCompare(a.taughtAt));
  }

  async get(id: unknown): Promise<TaughtAnswer> {
    return (await this.load(id)).value;
  }

  /**
   * Teaches the clause that answers a question: one the owner picked (`passageId`, from the
   * candidates shown) or typed (`reference`: a clause or section number, or a section id).
   */
  async teachClause(by: Person, questionId: unknown, index: PolicyIndex, choice: { passageId?: unknown; reference?: unknown }): Promise<{ taught: TaughtAnswer; question: QuestionRecord }> {
    this.checkTeacher(by);
    const question = await this.teachable(questionId);
    const passage = resolveClause(index, question.text, choice);
    return this.create(by, question, { kind: 'clause', clause: clauseOf(passage) });
  }

  /** Confirms that the policy does not cover a question, with the owner's short reply for whoever asks it. */
  async teachReply(by: Person, questionId: unknown, reply: unknown): Promise<{ taught: TaughtAnswer; question: QuestionRecord }> {
    this.checkTeacher(by);
    const text = typeof reply === 'string' ? reply.trim() : '';
    if (!text) throw new QuestionActionError('invalid', 'Please write a short reply for whoever asks this.');
    if (text.length > MAX_TAUGHT_REPLY_LENGTH) throw new QuestionActionError('invalid', `Please keep the reply under ${MAX_TAUGHT_REPLY_LENGTH} characters.`);
    const question = await this.teachable(questionId);
    return this.create(by, question, { kind: 'reply', reply: text });
  }

  /** Confirms the clause the asker chose with "or did you mean…". */
  async confirmSuggestion(by: Person, questionId: unknown, index: PolicyIndex): Promise<{ taught: TaughtAnswer; question: QuestionRecord }> {
    this.checkTeacher(by);
    const question = await this.teachable(questionId);
    const chosen = question.choice && question.passages[question.choice.passage];
    const passage = chosen && index.passages.find((p) => p.passage.text === chosen.text);
    if (!passage) throw new QuestionActionError('not-found', 'That clause is no longer in the policy: pick another one.');
    return this.create(by, question, { kind: 'clause', clause: clauseOf(passage) });
  }

  /** Undoes a taught answer: it answers nothing from now on, and its question returns to the report. */
  async forget(by: Person, taughtId: unknown): Promise<TaughtAnswer> {
    this.checkTeacher(by);
    const doc = await this.load(taughtId);
    const taught = doc.value;
    if (taught.state !== 'active') throw new QuestionActionError('invalid', 'That taught answer is no longer in use.');
    taught.state = 'forgotten';
    taught.forgotten = { by: by.id, at: this.clock.now().toISOString() };
    await this.store.put(TAUGHT_ANSWERS, taught.id, taught, doc.version);
    await this.unmark(taught);
    await this.audit(by.id, 'taught_answer.forgotten', taught);
    return taught;
  }

  /**
   * After a policy reload: a taught clause whose words are still in the policy is kept (its place
   * updated if it moved); one whose words are gone is dropped, and its question returns to the report.
   */
  async reconcile(index: PolicyIndex): Promise<ReconcileResult> {
    let kept = 0;
    const dropped: TaughtAnswer[] = [];
    for (const taught of await this.list('active')) {
      if (taught.kind !== 'clause' || !taught.clause) {
        kept++;
        continue;
      }
      const found = locateClause(index, taught.clause);
      const now = found && clauseOf(found);
      if (now && now.passageId === taught.clause.passageId && now.sectionId === taught.clause.sectionId && now.label === taught.clause.label) {
        kept++;
        continue;
      }
      const doc = await this.store.get<TaughtAnswer>(TAUGHT_ANSWERS, taught.id);
      if (!doc || doc.value.state !== 'active') continue;
      if (now) {
        doc.value.clause = now;
        kept++;
      } else {
        doc.value.state = 'dropped';
        doc.value.dropped = { at: this.clock.now().toISOString() };
        dropped.push(doc.value);
      }
      await this.store.put(TAUGHT_ANSWERS, taught.id, doc.value, doc.version);
      if (!now) {
        await this.unmark(doc.value);
        await this.audit(SYSTEM_ACTOR, 'taught_answer.dropped', doc.value);
      }
    }
    return { kept, dropped };
  }

  private checkTeacher(by: Person): void {
    if (!this.canTeach(by)) throw new QuestionActionError('not-for-you', 'Teaching answers is for the IT manager and the Data Protection Champion.');
  }

  private async teachable(questionId: unknown): Promise<QuestionRecord> {
    const question = await this.questions.get(questionId);
    if (question.purgedAt) throw new QuestionActionError('invalid', 'The words of this question were removed after the retention period, so it cannot be taught.');
    return question;
  }

  private async create(by: Person, question: QuestionRecord, what: Pick<TaughtAnswer, 'kind' | 'clause' | 'reply'>): Promise<{ taught: TaughtAnswer; question: QuestionRecord }> {
    const taught: TaughtAnswer = {
      id: randomUUID(),
      trustId: this.trust.data.trust.id,
      questions: [{ questionId: question.id, text: question.text }],
      ...what,
      taughtBy: by.id,
      taughtAt: this.clock.now().toISOString(),
      state: 'active',
    };
    // The question is claimed first: of two owners teaching it at once, one is refused.
    const marked = await this.questions.markTaught(question.id, taught.id);
    await this.store.put(TAUGHT_ANSWERS, taught.id, taught, null);
    await this.audit(by.id, `taught_answer.${taught.kind}`, taught);
    return { taught, question: marked };
  }

  private async unmark(taught: TaughtAnswer): Promise<void> {
    for (const q of taught.questions) {
      const question = await this.questions.get(q.questionId).catch(() => undefined);
      if (question?.taughtAs === taught.id) await this.questions.markTaught(q.questionId, undefined);
    }
  }

  private async audit(actorId: string, action: string, taught: TaughtAnswer): Promise<void> {
    await recordAudit(this.store, this.clock.now(), {
      actorId,
      action,
      subject: 'taught-answer',
      subjectId: taught.id,
      detail: { questionId: taught.questions[0].questionId, ...(taught.clause ? { sectionId: taught.clause.sectionId, passageId: taught.clause.passageId } : {}) },
    });
  }

  /** Card data is untrusted: the id is checked before it is used as a key. */
  private async load(id: unknown): Promise<Versioned<TaughtAnswer>> {
    const doc = typeof id === 'string' && id.length <= 100 ? await this.store.get<TaughtAnswer>(TAUGHT_ANSWERS, id) : undefined;
    if (!doc || doc.value.trustId !== this.trust.data.trust.id) throw new QuestionActionError('not-found', "I couldn't find that taught answer.");
    return doc;
  }
}

/**
 * The passage the owner means: a candidate's passage id, or a typed clause number ("4.2"),
 * section number ("4") or section id ("s5"). A section of several clauses gives the clause most
 * like the question.
 */
export function resolveClause(index: PolicyIndex, question: string, choice: { passageId?: unknown; reference?: unknown }): IndexedPassage {
  const typed = typeof choice.reference === 'string' ? choice.reference.trim().replace(/^(section|clause)\s+/i, '').replace(/\.$/, '') : '';
  if (typed.length > MAX_REFERENCE_LENGTH) throw new QuestionActionError('invalid', 'Please type just the clause or section number, for example 4.2.');
  if (typed) {
    const lower = typed.toLowerCase();
    const byClause = index.passages.filter((p) => p.passage.clause === typed);
    const bySection = index.passages.filter((p) => p.section.id === lower || p.section.number === typed || p.section.title.toLowerCase() === lower);
    const candidates = byClause.length ? byClause : bySection;
    if (!candidates.length) throw new QuestionActionError('not-found', `The policy has no clause or section "${typed}". Type the number as the answers show it, for example 4.2.`);
    if (candidates.length === 1) return candidates[0];
    const asked = prepareQuestion(index, question);
    const scored = candidates.map((p) => ({ p, s: questionSimilarity(asked, prepareQuestion(index, p.passage.text)) }));
    return scored.reduce((a, b) => (b.s > a.s ? b : a)).p;
  }
  const passage = typeof choice.passageId === 'string' ? index.passages.find((p) => p.passage.id === choice.passageId) : undefined;
  if (!passage) throw new QuestionActionError('invalid', 'Pick one of the clauses, or type a clause number.');
  return passage;
}
