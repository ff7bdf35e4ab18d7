import type { Application, TurnState } from '@microsoft/teams-ai';
import { sectionLabel } from '../../../domain/policy/answer.js';
import type { QuestionRecord } from '../../../domain/questions/question-service.js';
import { QuestionActionError } from '../../../domain/questions/question-service.js';
import { locateClause, type TaughtAnswer } from '../../../domain/teaching/taught-answer.js';
import type { Person } from '../../../domain/trust/trust.js';
import type { BotServices } from '../bot-services.js';
import { asAttachment, escapeUserText, renderCard, type AdaptiveCardJson } from '../card-renderer.js';
import { identify } from '../identity.js';
import { NOT_IN_TRUST } from '../notifier.js';
import { VERBS } from '../verbs.js';
import { day, excerpt, outcomeOf, ownerName, questionReportCard } from './question-report.js';

/** Outbox message types: the asker told what the owner taught, and the owner told a taught clause was dropped. */
const TAUGHT_ANSWER = 'taught-answer';
const TAUGHT_DROPPED = 'taught-dropped';
/** Clauses offered on the teaching card: the policy's best few for the question. */
const MAX_CANDIDATES = 5;
const UNKNOWN = "I don't know you yet: ask your IT manager to add you to Policy Desk.";

/** What a taught answer says, in a line: the clause, or the reply. */
function summary(services: Pick<BotServices, 'policies'>, taught: TaughtAnswer): string {
  if (taught.kind === 'reply') return `Not covered by the policy. Reply: ${escapeUserText(taught.reply ?? '', 300)}`;
  const now = taught.clause && locateClause(services.policies.current, taught.clause);
  return `${taught.clause?.label ?? 'A clause'}: ${excerpt(now?.passage.text ?? taught.clause?.text ?? '', 160)}`;
}

/** The teaching card for one question: the clauses closest to it, or what was taught. */
export async function teachCard(
  services: Pick<BotServices, 'trust' | 'policies' | 'teaching'>,
  q: QuestionRecord,
  note?: string,
): Promise<AdaptiveCardJson> {
  const taught = q.taughtAs ? await services.teaching.get(q.taughtAs).catch(() => undefined) : undefined;
  const index = services.policies.current;
  const chosen = q.choice && q.passages[q.choice.passage];
  const shown = [chosen, ...q.passages].flatMap((p) => (p ? index.passages.filter((x) => x.passage.text === p.text).slice(0, 1) : []));
  const ranked = services.policies.answer(q.text).passages.flatMap((p) => index.passages.filter((x) => x.passage.id === p.passageId));
  const candidates = [...new Map([...shown, ...ranked].map((p) => [p.passage.id, p])).values()].slice(0, MAX_CANDIDATES);
  return renderCard('teach-question', {
    questionId: q.id,
    question: escapeUserText(q.text, 500),
    detail: `${outcomeOf(q)} · ${day(q.askedAt)} · ${services.trust.findById(q.askerId)?.name ?? 'someone no longer listed'}`,
    note: note ?? null,
    taught: taught?.state === 'active' ? { taughtId: taught.id, summary: summary(services, taught) } : null,
    selected: candidates[0]?.passage.id ?? '',
    // A reply already sent to the asker is the likely answer for whoever asks next.
    replyDraft: q.handoff?.reply?.text ?? '',
    candidates: candidates.map((p) => ({ title: `${sectionLabel(p)}: ${excerpt(p.passage.text, 140)}`, passageId: p.passage.id })),
  });
}

/** Tells the asker, through the outbox, what the owner taught for their question (not when they taught it themselves). */
async function tellAsker(
  services: Pick<BotServices, 'trust' | 'outbox' | 'followUp'>,
  taught: TaughtAnswer,
  question: QuestionRecord,
  by: Person,
): Promise<void> {
  const asker = services.trust.findById(question.askerId);
  if (!asker || asker.id === by.id) return;
  const item = await services.outbox.enqueue(asker, { type: TAUGHT_ANSWER, questionId: question.id, taughtId: taught.id }, `${TAUGHT_ANSWER}:${taught.id}:${question.id}`);
  services.followUp.start(`taught answer for question ${question.id}`, () => services.outbox.deliverNow([item]));
}

/**
 * After the policy was (re)loaded: keeps taught clauses still in it, drops the rest and tells
 * whoever taught them (unless they are `by`, who reads the returned line).
 */
export async function reconcileTaught(
  services: Pick<BotServices, 'trust' | 'outbox' | 'policies' | 'teaching'>,
  by?: Person,
): Promise<string> {
  const { kept, dropped } = await services.teaching.reconcile(services.policies.current);
  for (const taught of dropped) {
    const teacher = services.trust.findById(taught.taughtBy);
    if (!teacher || teacher.id === by?.id) continue;
    await services.outbox.enqueue(teacher, { type: TAUGHT_DROPPED, taughtId: taught.id }, `${TAUGHT_DROPPED}:${taught.id}`);
  }
  if (!kept && !dropped.length) return '';
  const gone = dropped.map((t) => `${t.clause?.label ?? 'a clause'} (taught for "${escapeUserText(excerpt(t.questions[0].text, 60))}")`);
  return `Taught answers: ${kept} kept${dropped.length ? `, ${dropped.length} dropped because the clause is no longer in the policy: ${gone.join('; ')}. Those questions are back in the questions report.` : '.'}`;
}

/** Teaches the outbox to send the asker's notice and the owner's note about a dropped clause. */
function registerTeachSenders(services: Pick<BotServices, 'trust' | 'notifier' | 'outbox' | 'policies' | 'questions' | 'teaching'>): void {
  services.outbox.register(TAUGHT_ANSWER, {
    send: async (item) => {
      const person = services.trust.findById(item.toPersonId);
      if (!person) return NOT_IN_TRUST;
      const q = await services.questions.get(item.message.questionId);
      const taught = await services.teaching.get(item.message.taughtId);
      const owner = ownerName(services, taught.taughtBy);
      const clause = taught.clause && locateClause(services.policies.current, taught.clause);
      const card = renderCard('taught-answer', {
        question: escapeUserText(q.text, 300),
        lead: taught.kind === 'clause' ? `${owner} picked the clause of ${services.policies.title()} that answers it:` : `${owner} says ${services.policies.title()} doesn't cover it, and replied:`,
        section: taught.clause ? (clause ? sectionLabel(clause) : taught.clause.label) : null,
        text: taught.clause ? (clause?.passage.text ?? taught.clause.text) : null,
        reply: taught.kind === 'reply' ? escapeUserText(taught.reply ?? '') : null,
      });
      return services.notifier.sendToUser(person.aadObjectId, { attachments: [asAttachment(card)] });
    },
    describe: (item) => `a taught answer for ${services.trust.findById(item.toPersonId)?.name ?? 'someone'}`,
  });
  services.outbox.register(TAUGHT_DROPPED, {
    send: async (item) => {
      const person = services.trust.findById(item.toPersonId);
      if (!person) return NOT_IN_TRUST;
      const taught = await services.teaching.get(item.message.taughtId);
      return services.notifier.sendToUser(person.aadObjectId, {
        type: 'message',
        // Plain text: a colleague's question, never rendered as markdown.
        textFormat: 'plain',
        text: `The policy was reloaded and no longer has the clause you taught (${taught.clause?.label ?? 'a clause'}) for "${excerpt(taught.questions[0].text, 80)}". I've stopped answering with it, and the question is back in your questions report.`,
      });
    },
    describe: (item) => `a note to ${services.trust.findById(item.toPersonId)?.name ?? 'someone'} that a taught answer was dropped`,
  });
}

/** A refused action: the owner is told why, and nothing changed. */
function refusal(err: unknown): string {
  if (err instanceof QuestionActionError) return err.message;
  throw err;
}

export function registerTeachRoutes(
  app: Application<TurnState>,
  services: Pick<BotServices, 'trust' | 'notifier' | 'outbox' | 'followUp' | 'policies' | 'questions' | 'teaching' | 'exports' | 'publicUrl'>,
): void {
  registerTeachSenders(services);
  /** Runs a teaching action for someone allowed to teach; refusals come back as a message. */
  const teacherAction = <D>(verb: string, act: (person: Person, data: D) => Promise<AdaptiveCardJson>) =>
    app.adaptiveCards.actionExecute<D>(verb, async (context, _state, data) => {
      const person = identify(context, services.trust);
      if (!person) return UNKNOWN;
      if (!services.teaching.canTeach(person)) return 'Teaching answers is for the IT manager and the Data Protection Champion.';
      try {
        return await act(person, data);
      } catch (err) {
        return refusal(err);
      }
    });

  teacherAction<{ questionId?: unknown }>(VERBS.teachOpen, async (_person, data) => teachCard(services, await services.questions.get(data.questionId)));
  teacherAction<object>(VERBS.teachReport, async (person) => questionReportCard(services, person));

  teacherAction<{ questionId?: unknown; passageId?: unknown; reference?: unknown }>(VERBS.teachClause, async (person, data) => {
    const { taught, question } = await services.teaching.teachClause(person, data.questionId, services.policies.current, data);
    await tellAsker(services, taught, question, person);
    return teachCard(services, question);
  });

  teacherAction<{ questionId?: unknown; reply?: unknown }>(VERBS.teachReply, async (person, data) => {
    const { taught, question } = await services.teaching.teachReply(person, data.questionId, data.reply);
    await tellAsker(services, taught, question, person);
    return teachCard(services, question);
  });

  teacherAction<{ questionId?: unknown }>(VERBS.teachConfirm, async (person, data) => {
    const { taught, question } = await services.teaching.confirmSuggestion(person, data.questionId, services.policies.current);
    await tellAsker(services, taught, question, person);
    return teachCard(services, question);
  });

  teacherAction<{ taughtId?: unknown }>(VERBS.teachForget, async (person, data) => {
    const taught = await services.teaching.forget(person, data.taughtId);
    const question = await services.questions.get(taught.questions[0].questionId);
    return teachCard(services, question, 'Undone: this answer is no longer used, and the question is back in the report.');
  });
}
