import type { TurnContext } from 'botbuilder';
import type { OutboxItem, OutboxState } from '../../domain/outbox/outbox.js';
import type { Notification, Outcome, RequestNotification } from '../../domain/requests/notification.js';
import { kindOf } from '../../domain/requests/kinds.js';
import type { ApprovalRequest } from '../../domain/requests/request.js';
import type { Person } from '../../domain/trust/trust.js';
import type { BotServices } from './bot-services.js';
import { asAttachment } from './card-renderer.js';
import { CardCopies, refreshCardCopies, sendCardCopy } from './card-copies.js';
import { NOT_IN_TRUST, type NotifyResult } from './notifier.js';
import { UNDELIVERED_NOTICE } from './outbox-delivery.js';
import { displayDate, factHelpers, joinNames, nameOf, renderRequestCard, requestSubject, requestTitle, type CardNotice } from './request-cards.js';
// Incident kinds are rendered by the incidents part of the Teams layer.
import { sendIncidentNotification } from './routes/incident-notifications.js';

/** Card copies of requests are filed under this subject. */
export const REQUEST_SUBJECT = 'request';

/** What happened to one notification. */
export interface DispatchResult {
  to: string;
  kind: Notification['kind'];
  delivered: boolean;
  /** Where its outbox item stands: sent, retrying, waiting for first contact, failed. */
  state: OutboxState;
}

/** A notification this kind of request has no words for: done, not undelivered. */
const NOTHING_TO_SEND: NotifyResult = { delivered: true };
/** The outbox message type of a domain notification (rendered from the record's state when sent). */
const NOTIFICATION = 'notification';
/** A person no longer in the trust file cannot be reached: their item fails and the IT manager is told. */
const NOBODY = { id: '', aadObjectId: '' };

/**
 * Writes each notification to the outbox (before anything is sent), so that none is lost
 * whatever happens next. Deliver them with `deliverNotifications` or let the outbox's worker do it.
 */
export async function queueNotifications(
  services: Pick<BotServices, 'trust' | 'outbox'>,
  notifications: readonly Notification[],
): Promise<OutboxItem[]> {
  const items: OutboxItem[] = [];
  for (const n of notifications) {
    const person = services.trust.findById(n.to) ?? { ...NOBODY, id: n.to };
    items.push(await services.outbox.enqueue(person as Person, { type: NOTIFICATION, notification: n }));
  }
  return items;
}

/** Tries queued notifications now, one attempt each; what fails stays in the outbox and is retried. */
export async function deliverNotifications(services: Pick<BotServices, 'outbox'>, items: readonly OutboxItem[]): Promise<DispatchResult[]> {
  const after = await services.outbox.deliverNow(items);
  return after.map((item) => {
    const n = item.message.notification as Notification;
    return { to: n.to, kind: n.kind, delivered: item.state === 'sent', state: item.state };
  });
}

/**
 * Sends what the domain asked for through the outbox: each notification is written first, then
 * rendered from the record's stored state for its recipient and sent 1:1 (or, for status
 * changes, every card the recipient holds is updated). One failure never stops the others.
 */
export async function sendNotifications(
  services: Pick<BotServices, 'trust' | 'outbox'>,
  notifications: readonly Notification[],
): Promise<DispatchResult[]> {
  return deliverNotifications(services, await queueNotifications(services, notifications));
}

/** Teaches the outbox how to send notifications and the IT manager's notices about undelivered items. */
export function registerNotificationSenders(
  services: Pick<BotServices, 'trust' | 'store' | 'clock' | 'directory' | 'notifier' | 'outbox' | 'policies' | 'requests' | 'incidents'>,
): void {
  services.outbox.register(NOTIFICATION, {
    send: async (item) => {
      const n = item.message.notification as Notification;
      return 'requestId' in n ? sendRequestNotification(services, n) : sendIncidentNotification(services, n);
    },
    describe: (item) => {
      const n = item.message.notification as Notification;
      const what = 'requestId' in n ? `request ${n.requestId}` : `lost or stolen item report ${n.incidentId}`;
      return `a "${n.kind.replace(/_/g, ' ')}" message about ${what} for ${nameOf(services, n.to)}`;
    },
  });
  services.outbox.register(UNDELIVERED_NOTICE, {
    send: async (item) => {
      const failed = await services.outbox.outbox.get(String(item.message.itemId));
      const person = services.trust.findById(item.toPersonId);
      if (!person) return NOT_IN_TRUST;
      const why = failed?.lastError ? ` (${failed.lastError})` : '';
      return services.notifier.sendToUser(person.aadObjectId, {
        type: 'message',
        text: `I couldn't deliver ${String(item.message.what)}${why}. It is kept as "failed" in the outbox: type "undelivered" to see everything that has not reached its person.`,
      });
    },
    describe: () => 'a notice about an undelivered message',
  });
}

async function sendRequestNotification(
  services: Pick<BotServices, 'trust' | 'store' | 'clock' | 'directory' | 'notifier' | 'policies' | 'requests'>,
  n: RequestNotification,
): Promise<NotifyResult> {
  const person = services.trust.findById(n.to);
  if (!person) return NOT_IN_TRUST;
  const request = await services.requests.getRequest(n.requestId);
  const requester = nameOf(services, request.requesterId);
  const since = displayDate(request.createdAt);
  const kind = kindOf(request);
  const h = factHelpers(services, Boolean(request.purgedAt));
  const forAway = n.onBehalfOf ? ` You're deciding for ${nameOf(services, n.onBehalfOf)} while they're away.` : '';
  switch (n.kind) {
    case 'approval_needed':
      return sendRequestCard(services, person, request, { text: `${requester} needs your decision.${forAway}`, style: 'accent' });
    case 'reminder':
      return sendRequestCard(services, person, request, {
        text: `Reminder: ${requester} has been waiting for your decision since ${since}.${forAway}`,
        style: 'warning',
      });
    case 'escalated':
      return sendRequestCard(services, person, request, {
        text: `Passed to you: nobody has decided this since ${since}, so it now needs your decision.${forAway}`,
        style: 'attention',
      });
    case 'decided': {
      await refreshRequestCopies(services, request, [person.id]);
      const approved = request.status === 'approved';
      const decider = nameOf(services, request.decision?.byId);
      const extra = approved ? (kind.approvedNote?.(request, h) ?? '') : '';
      return sendRequestCard(
        services,
        person,
        request,
        {
          text: `${decider} ${approved ? 'approved' : 'rejected'} your ${requestTitle(request).toLowerCase()} (${requestSubject(request)}).${extra}`,
          style: approved ? 'good' : 'attention',
        },
        false,
      );
    }
    case 'status_changed':
      // Only updates: a person holding no copy has nothing to update, which is done, not undelivered.
      await refreshRequestCopies(services, request, [person.id]);
      return { delivered: true };
    case 'it_informed': {
      const text = kind.informOnApproval?.text(request, { ...h, subject: requestSubject(request), decider: nameOf(services, request.decision?.byId), requester });
      return text ? sendRequestCard(services, person, request, { text, style: 'accent' }, false) : NOTHING_TO_SEND;
    }
    case 'password_expiry': {
      const text = kind.periodEnd?.text(request, { ...h, subject: requestSubject(request) });
      return text ? sendRequestCard(services, person, request, { text, style: 'attention' }, false) : NOTHING_TO_SEND;
    }
  }
}

/**
 * Sends the request's card to one person (rendered for them, with a banner) and, when `track`,
 * remembers the copy so it can be updated when the request changes.
 */
export async function sendRequestCard(
  services: Pick<BotServices, 'trust' | 'store' | 'clock' | 'directory' | 'notifier' | 'policies' | 'requests'>,
  person: Person,
  request: ApprovalRequest,
  notice: CardNotice | undefined,
  track = true,
): Promise<NotifyResult> {
  return sendCardCopy(services, { subject: REQUEST_SUBJECT, id: request.id }, person, await renderRequestCard(services, request, person, { notice }), track);
}

/**
 * Updates every stored copy of the request's card (only those held by `personIds` when given) to
 * the current state, each rendered for the person holding it. Returns how many were updated.
 */
export async function refreshRequestCopies(
  services: Pick<BotServices, 'trust' | 'store' | 'directory' | 'notifier' | 'policies' | 'requests'>,
  request: ApprovalRequest,
  personIds?: readonly string[],
): Promise<number> {
  return refreshCardCopies(services, { subject: REQUEST_SUBJECT, id: request.id }, (holder) => renderRequestCard(services, request, holder), personIds);
}

/**
 * After a card action has been answered: what it changed is written to the outbox before Teams gets
 * its answer (a crash now loses nothing), then sent, and the clicker's other copies of the card
 * updated (the clicked card itself is replaced by the answer).
 */
export async function notifyAfterAnswering(
  services: Pick<BotServices, 'trust' | 'outbox' | 'followUp'>,
  what: string,
  notifications: readonly Notification[],
  refreshClickersCopies: () => Promise<unknown>,
): Promise<void> {
  const queued = await queueNotifications(services, notifications);
  services.followUp.start(`notifications for ${what}`, async () => {
    await deliverNotifications(services, queued);
    await refreshClickersCopies();
  });
}

/**
 * After a request is raised in chat: the requester gets its card (with Cancel) in the same
 * conversation, the approvers get theirs, and the requester is told if an approver could not be
 * reached yet.
 */
export async function announceNewRequest(
  context: TurnContext,
  services: Pick<BotServices, 'trust' | 'store' | 'clock' | 'directory' | 'outbox' | 'policies' | 'requests'>,
  outcome: Outcome<ApprovalRequest>,
): Promise<void> {
  const request = outcome.value;
  const requester = services.trust.findById(request.requesterId);
  const approvers = [...new Set(outcome.notifications.map((n) => n.to))];
  const card = await renderRequestCard(services, request, requester, {
    notice: { text: `Sent to ${joinNames(approvers.map((id) => nameOf(services, id)), 'and')}. I'll tell you here when they decide.`, style: 'good' },
  });
  const sent = await context.sendActivity({ attachments: [asAttachment(card)] });
  if (sent?.id && requester) {
    await new CardCopies(services.store).record(REQUEST_SUBJECT, request.id, requester.aadObjectId, sent.id, services.clock.now());
  }
  const results = await sendNotifications(services, outcome.notifications);
  const note = undeliveredNote(services, results, 'your request', 'It is saved; you may want to let them know.');
  if (note) await context.sendActivity(note);
}

/**
 * Says plainly who has not got a notification yet and what happens next, or undefined when
 * everyone got theirs. `what` names the thing ("your request"); `advice` ends the sentence.
 */
export function undeliveredNote(
  services: Pick<BotServices, 'trust'>,
  results: readonly DispatchResult[],
  what: string,
  advice: string,
): string | undefined {
  const people = (state: OutboxState) =>
    [...new Set(results.filter((r) => r.state === state).map((r) => r.to))].map((id) => services.trust.findById(id)).filter((p): p is Person => Boolean(p));
  const named = (list: Person[]) => joinNames(list.map((p) => `${p.name} (${p.email})`), 'and');
  const parts: string[] = [];
  const waiting = people('waiting_for_first_contact');
  if (waiting.length) {
    parts.push(`${named(waiting)} ${waiting.length === 1 ? "hasn't" : "haven't"} opened Policy Desk in Teams yet, so ${what} is not delivered to them yet: I'll deliver it as soon as they do.`);
  }
  const retrying = people('retrying');
  if (retrying.length) parts.push(`Teams is busy, so ${named(retrying)} ${retrying.length === 1 ? "hasn't" : "haven't"} got ${what} yet: I'll keep trying.`);
  const failed = people('failed');
  if (failed.length) parts.push(`I couldn't deliver ${what} to ${named(failed)}; the IT manager has been told.`);
  return parts.length ? `${parts.join(' ')} ${advice}` : undefined;
}
