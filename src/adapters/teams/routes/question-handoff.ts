import type { OutboxItem } from '../../../domain/outbox/outbox.js';
import { OutboxService } from '../../../domain/outbox/outbox-service.js';
import type { HandoffRole } from '../../../domain/policy/policy-types.js';
import type { QuestionRecord } from '../../../domain/questions/question-service.js';
import type { Person } from '../../../domain/trust/trust.js';
import type { BotServices } from '../bot-services.js';
import { asAttachment, type AdaptiveCardJson } from '../card-renderer.js';
import { NOT_IN_TRUST } from '../notifier.js';
import { nameOf } from '../request-cards.js';

/** Outbox message types: a question passed to a person, and their reply going back to the asker. */
const HANDOFF = 'handoff';
const HANDOFF_REPLY = 'handoff-reply';
/** Tells the asker that a hand-off that had to wait has now arrived. */
const HANDOFF_ARRIVED = 'handoff-arrived';

export const HANDOFF_LABELS: Record<HandoffRole, string> = { it_manager: 'IT manager', dpc: 'Data Protection Champion' };

/** How the question's cards are drawn, from question.routes. */
export interface HandoffCards {
  question(q: QuestionRecord): AdaptiveCardJson;
  reply(q: QuestionRecord): AdaptiveCardJson;
}

/** One outbox item per question and person it was passed to: choosing them again reuses it. */
function itemId(questionId: string, personId: string): string {
  return OutboxService.idFor(`${HANDOFF}:${questionId}:${personId}`);
}

/** Teaches the outbox to send hand-offs, replies, and the note that a delayed hand-off arrived. */
export function registerHandoffSenders(
  services: Pick<BotServices, 'trust' | 'notifier' | 'outbox' | 'questions'>,
  cards: HandoffCards,
): void {
  const questionOf = (item: OutboxItem) => services.questions.get(item.message.questionId);
  const sendCard = async (item: OutboxItem, card: AdaptiveCardJson) => {
    const person = services.trust.findById(item.toPersonId);
    return person ? services.notifier.sendToUser(person.aadObjectId, { attachments: [asAttachment(card)] }) : NOT_IN_TRUST;
  };
  services.outbox.register(HANDOFF, {
    send: async (item) => sendCard(item, cards.question(await questionOf(item))),
    describe: async (item) => `a question ${services.trust.findById((await questionOf(item)).askerId)?.name ?? 'someone'} passed to ${nameOf(services, item.toPersonId)}`,
    afterLateDelivery: async (item) => {
      const q = await questionOf(item);
      const asker = services.trust.findById(q.askerId);
      if (!asker) return;
      const told = await services.outbox.enqueue(asker, { type: HANDOFF_ARRIVED, questionId: q.id, toPersonId: item.toPersonId });
      await services.outbox.deliverNow([told]);
    },
  });
  services.outbox.register(HANDOFF_REPLY, {
    send: async (item) => sendCard(item, cards.reply(await questionOf(item))),
    describe: (item) => `a reply to ${nameOf(services, item.toPersonId)}'s question`,
  });
  services.outbox.register(HANDOFF_ARRIVED, {
    send: async (item) => {
      const person = services.trust.findById(item.toPersonId);
      if (!person) return NOT_IN_TRUST;
      const q = await questionOf(item);
      const snippet = q.text.length > 80 ? `${q.text.slice(0, 79)}…` : q.text;
      return services.notifier.sendToUser(person.aadObjectId, {
        type: 'message',
        // Plain text: the asker's own words, shown only to the asker.
        textFormat: 'plain',
        text: `Your question "${snippet}" has now reached ${nameOf(services, String(item.message.toPersonId))}. Their reply will come to you here.`,
      });
    },
    describe: (item) => `a note to ${nameOf(services, item.toPersonId)} that their question arrived`,
  });
}

/**
 * Puts the question in the outbox for `to` and tries it once now (so the asker learns at once
 * whether it arrived); an earlier hand-off to someone else is withdrawn.
 */
export async function passOn(
  services: Pick<BotServices, 'outbox'>,
  question: QuestionRecord,
  to: Person,
  previousPersonId?: string,
): Promise<OutboxItem> {
  if (previousPersonId && previousPersonId !== to.id) await services.outbox.outbox.withdraw(itemId(question.id, previousPersonId));
  let item = await services.outbox.enqueue(to, { type: HANDOFF, questionId: question.id }, `${HANDOFF}:${question.id}:${to.id}`);
  if (item.state !== 'queued') item = (await services.outbox.outbox.retryNow(item.id)) ?? item;
  return (await services.outbox.deliverNow([item]))[0];
}

/** The asker asked to try again: the hand-off (not yet delivered) is tried once now. */
export async function retryHandOff(services: Pick<BotServices, 'outbox'>, question: QuestionRecord): Promise<OutboxItem | undefined> {
  if (!question.handoff) return undefined;
  const item = await services.outbox.outbox.retryNow(itemId(question.id, question.handoff.toPersonId));
  return item && (await services.outbox.deliverNow([item]))[0];
}

/** What the asker's answer card says about the hand-off, and the buttons it offers while it is not delivered. */
export async function handoffView(services: Pick<BotServices, 'trust' | 'outbox' | 'questions'>, q: QuestionRecord, asker: Person) {
  if (!q.handoff) return { handoffTo: null, handoffNote: '', handoffColor: 'Default', alternatives: [], canRetry: false };
  const to = services.trust.findById(q.handoff.toPersonId);
  const label = HANDOFF_LABELS[q.handoff.role];
  const name = to ? to.name : 'someone no longer listed';
  const handoffTo = `${name} (${label})`;
  const item = q.handoff.reply ? undefined : await services.outbox.outbox.get(itemId(q.id, q.handoff.toPersonId));
  const state = item?.state ?? 'sent';
  const alternatives = (state === 'sent' || state === 'queued' ? [] : services.questions.contactsFor(asker, q.handoff.role))
    .filter((p) => p.id !== q.handoff!.toPersonId)
    .map((p) => ({ title: `Ask ${p.name} instead`, role: q.handoff!.role, personId: p.id }));
  const email = to ? ` or email them at ${to.email}` : '';
  const others = alternatives.length ? `, ask another ${label}` : '';
  const notes: Record<OutboxItem['state'], string> = {
    sent: `Sent to ${handoffTo}. Their reply will come to you here.`,
    queued: `On its way to ${handoffTo}. Their reply will come to you here.`,
    retrying: `Not delivered yet: Teams is busy, so ${name} hasn't got your question. I'll keep trying and tell you here when it arrives${others ? `. You can also ask another ${label}` : ''}.`,
    waiting_for_first_contact: `Not delivered yet: ${name} (${label}) hasn't opened Policy Desk in Teams, so I can't reach them there. I'll deliver your question as soon as they do. You can try again${others}${email}.`,
    failed: `Not delivered: I couldn't reach ${name} (${label}) in Teams. You can try again${others}${email}.`,
    withdrawn: `Not sent to ${handoffTo}: you chose someone else.`,
  };
  return {
    handoffTo,
    handoffNote: notes[state],
    handoffColor: state === 'sent' || state === 'queued' ? 'Good' : 'Attention',
    alternatives,
    canRetry: state === 'waiting_for_first_contact' || state === 'failed',
  };
}
