import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { HandoffRole } from '../../../domain/policy/policy-types.js';
import { QuestionActionError, type QuestionRecord } from '../../../domain/questions/question-service.js';
import type { Person } from '../../../domain/trust/trust.js';
import type { BotServices } from '../bot-services.js';
import { asAttachment, escapeUserText, renderCard, type AdaptiveCardJson } from '../card-renderer.js';
import { describeRoles, identify } from '../identity.js';
import { HANDOFF_LABELS, handoffView, passOn, registerHandoffSenders, retryHandOff } from './question-handoff.js';
import { FLOW_TITLES, VERBS } from '../verbs.js';
import { kindById } from '../../../domain/requests/kinds.js';
import { mayReloadPolicy } from '../../../domain/trust/permissions.js';
import { describeOutline } from '../../../domain/policy/outline.js';
import { answerWithTeaching } from '../../../domain/teaching/taught-answer.js';
import { excerpt, ownerName, questionReportCard } from './question-report.js';
import { reconcileTaught } from './teach.routes.js';

/** Answers a typed question from the policy (or as its owner taught for questions like it) and records it. */
export async function answerFromChat(
  context: TurnContext,
  services: Pick<BotServices, 'trust' | 'outbox' | 'policies' | 'questions' | 'teaching'>,
  asker: Person,
  text: string,
): Promise<void> {
  const taught = await services.teaching.list('active');
  const { answer, taught: match } = answerWithTeaching(services.policies.current, taught, text, services.policies.answer(text));
  // No button to start a request the policy itself forbids.
  if (kindById(answer.nextStep)?.policyRule?.(services.policies.current).forbidden) delete answer.nextStep;
  const record = await services.questions.record(asker, text, answer, match?.taught.id);
  await context.sendActivity({ attachments: [asAttachment(await answerCard(services, record, asker))] });
}

/** What the answer card says about a taught answer, or about the clause the asker chose instead. */
async function taughtView(services: Pick<BotServices, 'trust' | 'teaching'>, q: QuestionRecord) {
  const taught = q.fromTaught ? await services.teaching.get(q.fromTaught).catch(() => undefined) : undefined;
  const by = taught ? ownerName(services, taught.taughtBy) : '';
  const note = q.choice
    ? "You chose this clause instead. Thanks: the policy's owner will see your choice."
    : taught?.kind === 'clause'
      ? `${by} chose this clause for questions like yours.`
      : null;
  return { note, taughtBy: by, taughtReply: taught?.kind === 'reply' ? escapeUserText(taught.reply ?? '') : null };
}

/** The answer card for a recorded question, in its current state (feedback given, handed off and whether it arrived). */
async function answerCard(
  services: Pick<BotServices, 'trust' | 'outbox' | 'policies' | 'questions' | 'teaching'>,
  q: QuestionRecord,
  asker: Person,
): Promise<AdaptiveCardJson> {
  const roles: HandoffRole[] = q.handoffRole === 'dpc' ? ['dpc', 'it_manager'] : ['it_manager', 'dpc'];
  const contacts = roles.flatMap((role) => {
    const person = services.questions.contactsFor(asker, role)[0];
    return person ? [{ role, title: `Ask the ${HANDOFF_LABELS[role]} (${person.name})` }] : [];
  });
  const flow = q.nextStep as keyof typeof FLOW_TITLES | undefined;
  // The best clause is quoted; the others nearly as good are offered as "or did you mean…".
  const shown = q.choice?.passage ?? 0;
  const taught = await taughtView(services, q);
  return renderCard('policy-answer', {
    questionId: q.id,
    question: escapeUserText(q.text, 300),
    answered: q.answered,
    policyName: services.policies.title(),
    passages: q.passages.slice(shown, shown + 1),
    otherClauses: q.passages.flatMap((p, passage) => (passage === shown ? [] : [{ title: `${p.section}: ${excerpt(p.text, 90)}`, passage }])),
    ...taught,
    canRate: q.answered || taught.taughtReply !== null,
    nextStep: flow && FLOW_TITLES[flow] ? { flow, title: FLOW_TITLES[flow] } : null,
    // An answered question offers the hand-off quietly (one button); an unanswered one offers both.
    contacts: q.answered ? contacts.slice(0, 1) : contacts,
    ...(await handoffView(services, q, asker)),
    feedback: q.feedback ? (q.feedback.helpful ? 'Thanks: you found this helpful.' : "Thanks: I've noted this didn't help, and the policy's owner will see it.") : null,
  });
}

function handoffCard(services: Pick<BotServices, 'trust'>, q: QuestionRecord): AdaptiveCardJson {
  const asker = services.trust.findById(q.askerId);
  const replier = q.handoff?.reply && services.trust.findById(q.handoff.reply.byPersonId);
  return renderCard('handoff-question', {
    questionId: q.id,
    askerName: asker?.name ?? 'A member of staff',
    askerRole: asker ? describeRoles(asker, services.trust) : 'no longer listed',
    question: escapeUserText(q.text),
    quoted: q.passages.length ? q.passages.map((p) => p.section).join('; ') : "nothing: the policy doesn't cover it",
    reply: q.handoff?.reply ? escapeUserText(q.handoff.reply.text) : null,
    repliedBy: replier ? replier.name : null,
  });
}

/** The reply to a passed-on question, for its asker. */
function replyCard(services: Pick<BotServices, 'trust'>, q: QuestionRecord): AdaptiveCardJson {
  const replier = services.trust.findById(q.handoff?.reply?.byPersonId ?? '');
  return renderCard('handoff-reply', {
    replierName: replier?.name ?? 'Someone no longer listed',
    replierRole: replier ? describeRoles(replier, services.trust) : '',
    question: escapeUserText(q.text, 300),
    reply: escapeUserText(q.handoff?.reply?.text ?? ''),
  });
}

/** A refused card action: the clicker is told why, and nothing changed. */
function refusal(err: unknown): string {
  if (err instanceof QuestionActionError) return err.message;
  throw err;
}

export function registerQuestionRoutes(
  app: Application<TurnState>,
  services: Pick<BotServices, 'trust' | 'notifier' | 'outbox' | 'followUp' | 'policies' | 'questions' | 'teaching' | 'exports' | 'publicUrl' | 'logger'>,
): void {
  app.adaptiveCards.actionExecute<{ questionId?: unknown; helpful?: unknown }>(VERBS.answerFeedback, async (context, _state, data) => {
    const person = identify(context, services.trust);
    if (!person) return "I don't know you yet: ask your IT manager to add you to Policy Desk.";
    try {
      const q = await services.questions.giveFeedback(data.questionId, person, data.helpful);
      return await answerCard(services, q, person);
    } catch (err) {
      return refusal(err);
    }
  });

  app.adaptiveCards.actionExecute<{ questionId?: unknown; passage?: unknown }>(VERBS.answerChoose, async (context, _state, data) => {
    const person = identify(context, services.trust);
    if (!person) return "I don't know you yet: ask your IT manager to add you to Policy Desk.";
    try {
      const passage = typeof data.passage === 'string' && /^\d{1,2}$/.test(data.passage) ? Number(data.passage) : data.passage;
      const q = await services.questions.choose(data.questionId, person, passage);
      return await answerCard(services, q, person);
    } catch (err) {
      return refusal(err);
    }
  });

  registerHandoffSenders(services, { question: (q) => handoffCard(services, q), reply: (q) => replyCard(services, q) });

  // The question goes through the outbox and is tried once now, so the card says truly whether it arrived.
  app.adaptiveCards.actionExecute<{ questionId?: unknown; role?: unknown; personId?: unknown }>(VERBS.askPerson, async (context, _state, data) => {
    const person = identify(context, services.trust);
    if (!person) return "I don't know you yet: ask your IT manager to add you to Policy Desk.";
    try {
      const { question, to, previousPersonId } = await services.questions.handOff(data.questionId, person, data.role, data.personId);
      await passOn(services, question, to, previousPersonId);
      return await answerCard(services, question, person);
    } catch (err) {
      return refusal(err);
    }
  });

  app.adaptiveCards.actionExecute<{ questionId?: unknown }>(VERBS.handoffRetry, async (context, _state, data) => {
    const person = identify(context, services.trust);
    if (!person) return "I don't know you yet: ask your IT manager to add you to Policy Desk.";
    try {
      const question = await services.questions.askedBy(data.questionId, person);
      await retryHandOff(services, question);
      return await answerCard(services, question, person);
    } catch (err) {
      return refusal(err);
    }
  });

  app.adaptiveCards.actionExecute<{ questionId?: unknown; reply?: unknown }>(VERBS.handoffReply, async (context, _state, data) => {
    const person = identify(context, services.trust);
    if (!person) return "I don't know you yet: ask your IT manager to add you to Policy Desk.";
    try {
      const { question, asker } = await services.questions.reply(data.questionId, person, data.reply);
      if (asker) {
        const item = await services.outbox.enqueue(asker, { type: 'handoff-reply', questionId: question.id }, `handoff-reply:${question.id}`);
        services.followUp.start(`reply to question ${question.id}`, () => services.outbox.deliverNow([item]));
      }
      return handoffCard(services, question);
    } catch (err) {
      return refusal(err);
    }
  });
}

/** Reloads the policy for the IT manager, DPC or CEO; anyone else is told who can. */
export async function reloadPolicy(
  context: TurnContext,
  services: Pick<BotServices, 'trust' | 'outbox' | 'policies' | 'teaching' | 'logger'>,
  person: Person,
): Promise<void> {
  if (!mayReloadPolicy(services.trust, person)) {
    await context.sendActivity('Reloading the policy is for the IT manager or the Data Protection Champion.');
    return;
  }
  try {
    const { documents, passages, outline } = await services.policies.reload();
    const taught = await reconcileTaught(services, person);
    await context.sendActivity(`Policy reloaded: ${documents} document(s), ${passages} passages. New questions are answered from it now.\n\n${describeOutline(outline)}${taught ? `\n\n${taught}` : ''}`);
  } catch (err) {
    services.logger.warn({ err }, 'policy reload failed');
    await context.sendActivity(`I couldn't reload the policy, so I'm still answering from the previous version. The problem: ${(err as Error).message}`);
  }
}

/** The report of unanswered and unhelpful questions, for those allowed to see it. */
export async function sendQuestionReport(
  context: TurnContext,
  services: Pick<BotServices, 'trust' | 'questions' | 'teaching' | 'exports' | 'publicUrl'>,
  person: Person,
): Promise<void> {
  try {
    await context.sendActivity({ attachments: [asAttachment(await questionReportCard(services, person))] });
  } catch (err) {
    await context.sendActivity(refusal(err));
  }
}
