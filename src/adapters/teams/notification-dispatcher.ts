import type { TurnContext } from 'botbuilder';
import type { Notification, Outcome, RequestNotification } from '../../domain/requests/notification.js';
import { kindOf } from '../../domain/requests/kinds.js';
import type { ApprovalRequest } from '../../domain/requests/request.js';
import type { Person } from '../../domain/trust/trust.js';
import type { BotServices } from './bot-services.js';
import { asAttachment } from './card-renderer.js';
import { CardCopies } from './card-copies.js';
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
}

/**
 * Sends what the domain asked for: each notification is rendered from the record's stored state
 * for its recipient and sent 1:1 through the Notifier (or, for status changes, every card the
 * recipient holds is updated). One failure never stops the others.
 */
export async function sendNotifications(services: BotServices, notifications: readonly Notification[]): Promise<DispatchResult[]> {
  const results: DispatchResult[] = [];
  for (const n of notifications) {
    let delivered = false;
    try {
      delivered = 'requestId' in n ? await sendRequestNotification(services, n) : await sendIncidentNotification(services, n);
    } catch (err) {
      services.logger.error({ err, kind: n.kind, to: n.to }, 'could not send a notification');
    }
    results.push({ to: n.to, kind: n.kind, delivered });
  }
  return results;
}

async function sendRequestNotification(services: BotServices, n: RequestNotification): Promise<boolean> {
  const person = services.trust.findById(n.to);
  if (!person) return false;
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
      return (await refreshRequestCopies(services, request, [person.id])) > 0;
    case 'it_informed': {
      const text = kind.informOnApproval?.text(request, { ...h, subject: requestSubject(request), decider: nameOf(services, request.decision?.byId), requester });
      return text ? sendRequestCard(services, person, request, { text, style: 'accent' }, false) : false;
    }
    case 'password_expiry': {
      const text = kind.periodEnd?.text(request, { ...h, subject: requestSubject(request) });
      return text ? sendRequestCard(services, person, request, { text, style: 'attention' }, false) : false;
    }
  }
}

/**
 * Sends the request's card to one person (rendered for them, with a banner) and, when `track`,
 * remembers the copy so it can be updated when the request changes.
 */
export async function sendRequestCard(
  services: BotServices,
  person: Person,
  request: ApprovalRequest,
  notice: CardNotice | undefined,
  track = true,
): Promise<boolean> {
  const card = await renderRequestCard(services, request, person, { notice });
  const sent = await services.notifier.sendToUser(person.aadObjectId, { attachments: [asAttachment(card)] });
  if (sent.delivered && sent.activityId && track) {
    await new CardCopies(services.store).record(REQUEST_SUBJECT, request.id, person.aadObjectId, sent.activityId, services.clock.now());
  }
  return sent.delivered;
}

/**
 * Updates every stored copy of the request's card (only those held by `personIds` when given) to
 * the current state, each rendered for the person holding it. Returns how many were updated.
 */
export async function refreshRequestCopies(services: BotServices, request: ApprovalRequest, personIds?: readonly string[]): Promise<number> {
  let updated = 0;
  for (const copy of await new CardCopies(services.store).list(REQUEST_SUBJECT, request.id)) {
    const holder = services.trust.findByAadObjectId(copy.aadObjectId);
    if (personIds && (!holder || !personIds.includes(holder.id))) continue;
    const card = await renderRequestCard(services, request, holder);
    // The connector ignores an update without its activity type (the Playground drops it silently).
    if (await services.notifier.updateForUser(copy.aadObjectId, copy.activityId, { attachments: [asAttachment(card)] })) updated++;
  }
  return updated;
}

/**
 * After a request is raised in chat: the requester gets its card (with Cancel) in the same
 * conversation, the approvers get theirs, and the requester is told if an approver could not be
 * reached yet.
 */
export async function announceNewRequest(context: TurnContext, services: BotServices, outcome: Outcome<ApprovalRequest>): Promise<void> {
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
  const unreached = results.filter((r) => !r.delivered).map((r) => services.trust.findById(r.to)).filter((p): p is Person => Boolean(p));
  if (unreached.length > 0) {
    await context.sendActivity(
      `${joinNames(unreached.map((p) => `${p.name} (${p.email})`), 'and')} ${unreached.length === 1 ? "hasn't" : "haven't"} opened Policy Desk in Teams yet, so I couldn't show them your request. It is saved; please let them know.`,
    );
  }
}
