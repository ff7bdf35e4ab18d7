import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { delegationCandidates } from '../../../domain/requests/delegation.js';
import { ClosedError, DomainError, NotAllowedError, NotFoundError, ValidationError } from '../../../domain/requests/errors.js';
import { exportRegister, REGISTER_LABELS, REGISTERS } from '../../../domain/requests/registers.js';
import type { ApprovalRequest, DecisionInput } from '../../../domain/requests/request.js';
import { isoDate } from '../../../domain/requests/request-service.js';
import type { Person } from '../../../domain/trust/trust.js';
import type { BotServices } from '../bot-services.js';
import { asAttachment, cardAttachment, renderCard, type AdaptiveCardJson } from '../card-renderer.js';
import { confirmationStep, respondToAction } from '../action-response.js';
import { CardCopies } from '../card-copies.js';
import { identify, sendUnknownUserCard } from '../identity.js';
import { notifyAfterAnswering, REQUEST_SUBJECT, refreshRequestCopies, sendNotifications } from '../notification-dispatcher.js';
import { displayDate, nameOf, renderRequestCard, requestStatus, requestSubject, requestTitle } from '../request-cards.js';
import { VERBS } from '../verbs.js';
import { incidentListItem } from './incident-cards.js';

const LIST_LIMIT = 10;
const NOT_KNOWN = "I don't know you yet: ask your IT manager to add you to Policy Desk.";

/** "My requests" or "Waiting for me" for the person behind the turn (the welcome card's buttons). */
export function listStarter(services: Pick<BotServices, 'trust' | 'requests' | 'incidents'>, which: 'my_requests' | 'waiting_for_me') {
  return async (context: TurnContext): Promise<void> => {
    const person = identify(context, services.trust);
    if (!person) return sendUnknownUserCard(context, services.trust);
    await context.sendActivity({ attachments: [asAttachment(await listCard(services, person, which))] });
  };
}

/**
 * Approval cards (Approve/Reject, Cancel, refresh), the list cards, typed requests and commands
 * (my requests, waiting for me, away/back, registers). Every card action is checked against
 * stored state; a refused one answers with the request's current card and why.
 */
export function registerRequestRoutes(
  app: Application<TurnState>,
  services: Pick<BotServices, 'trust' | 'store' | 'clock' | 'directory' | 'notifier' | 'outbox' | 'followUp' | 'policies' | 'requests' | 'incidents' | 'exports' | 'publicUrl'>,
): void {
  app.adaptiveCards.actionExecute<{ requestId?: unknown; decision?: unknown; comment?: unknown; reason?: unknown }>(
    VERBS.requestDecide,
    async (context, _state, data) => {
      const person = identify(context, services.trust);
      if (!person) return respondToAction(context, NOT_KNOWN);
      // Reject's own box holds the reason; Approve's optional comment is in the card body.
      const comment = data.decision === 'reject' ? (nonBlank(data.reason) ?? data.comment) : data.comment;
      try {
        const outcome = await services.requests.decide(actorOf(context, person), { requestId: data.requestId, decision: data.decision as DecisionInput['decision'], comment });
        await notifyAfterAnswering(services, `request ${outcome.value.id}`, outcome.notifications, () => refreshRequestCopies(services, outcome.value, [person.id]));
        const approved = outcome.value.status === 'approved';
        return respondToAction(
          context,
          await renderRequestCard(services, outcome.value, person, {
            notice: {
              text: `You ${approved ? 'approved' : 'rejected'} this. ${nameOf(services, outcome.value.requesterId)} has been told.`,
              style: approved ? 'good' : 'attention',
            },
          }),
        );
      } catch (err) {
        return respondToAction(context, await refusal(services, err, person, data.requestId));
      }
    },
  );

  app.adaptiveCards.actionExecute<{ requestId?: unknown; view?: unknown; confirm?: unknown }>(VERBS.requestCancel, async (context, _state, data) => {
    const person = identify(context, services.trust);
    if (!person) return respondToAction(context, NOT_KNOWN);
    const fromList = data.view === 'my_requests';
    try {
      const current = await services.requests.getRequest(data.requestId);
      // Only a cancel that could go ahead asks first; anything else is refused below as before.
      if (current.status === 'pending' && current.requesterId === person.id) {
        const confirmation = confirmationStep(VERBS.requestCancel, data, {
          question: `Cancel your ${requestTitle(current).toLowerCase()}?`,
          subject: requestSubject(current),
          consequence: 'The people deciding it will be told it is no longer needed. This cannot be undone.',
          confirmTitle: 'Yes, cancel it',
          keepTitle: 'No, keep it',
        });
        if (confirmation.step === 'ask') return respondToAction(context, confirmation.card);
        if (confirmation.step === 'kept') {
          return respondToAction(context, fromList ? await listCard(services, person, 'my_requests') : await renderRequestCard(services, current, person));
        }
      }
      const outcome = await services.requests.cancel(actorOf(context, person), data.requestId);
      await notifyAfterAnswering(services, `request ${outcome.value.id}`, outcome.notifications, () => refreshRequestCopies(services, outcome.value, [person.id]));
      const text = `You cancelled your ${requestTitle(outcome.value).toLowerCase()} (${requestSubject(outcome.value)}).`;
      return respondToAction(
        context,
        fromList
          ? await listCard(services, person, 'my_requests', { text, color: 'Good' })
          : await renderRequestCard(services, outcome.value, person, { notice: { text, style: 'good' } }),
      );
    } catch (err) {
      if (fromList && err instanceof DomainError) {
        return respondToAction(context, await listCard(services, person, 'my_requests', { text: err.message, color: 'Attention' }));
      }
      return respondToAction(context, await refusal(services, err, person, data.requestId));
    }
  });

  app.adaptiveCards.actionExecute<{ requestId?: unknown }>(VERBS.requestRefresh, async (context, _state, data) => {
    const person = identify(context, services.trust);
    if (!person) return respondToAction(context, NOT_KNOWN);
    try {
      return respondToAction(context, await renderRequestCard(services, await services.requests.getRequest(data.requestId), person));
    } catch (err) {
      return respondToAction(context, await refusal(services, err, person, data.requestId));
    }
  });

  app.adaptiveCards.actionSubmit<{ requestId?: unknown }>(VERBS.requestShow, async (context, _state, data) => {
    const person = identify(context, services.trust);
    if (!person) return sendUnknownUserCard(context, services.trust);
    let request: ApprovalRequest;
    try {
      request = await services.requests.requestSeenBy(person.id, data.requestId);
    } catch (err) {
      if (err instanceof DomainError) return void (await context.sendActivity(err.message));
      throw err;
    }
    const sent = await context.sendActivity({ attachments: [asAttachment(await renderRequestCard(services, request, person))] });
    if (sent?.id) await new CardCopies(services.store).record(REQUEST_SUBJECT, request.id, person.aadObjectId, sent.id, services.clock.now());
  });

  app.adaptiveCards.actionSubmit<{ toId?: unknown; until?: unknown; end?: unknown }>(VERBS.delegateApprovals, async (context, _state, data) => {
    const person = identify(context, services.trust);
    if (!person) return sendUnknownUserCard(context, services.trust);
    if (data.end === true || data.end === 'true') return endDelegation(context, services, person);
    await delegate(context, services, person, data.toId, data.until);
  });
}


/**
 * A refused card action: the request's current card for the clicker, saying why, when the
 * request exists; a message when it does not. Nothing was changed.
 */
async function refusal(
  services: Pick<BotServices, 'trust' | 'directory' | 'policies' | 'requests'>,
  err: unknown,
  person: Person,
  requestId: unknown,
): Promise<AdaptiveCardJson | string> {
  if (!(err instanceof DomainError)) throw err;
  const problem = err instanceof ValidationError ? err.problems.join(' ') : err.message;
  let current: ApprovalRequest | undefined;
  if ((err instanceof NotAllowedError || err instanceof ClosedError) && isRequest(err.current)) current = err.current;
  else if (!(err instanceof NotFoundError)) current = await services.requests.getRequest(requestId).catch(() => undefined);
  if (!current) return problem;
  return renderRequestCard(services, current, person, { problem });
}

function isRequest(value: unknown): value is ApprovalRequest {
  return typeof value === 'object' && value !== null && 'requesterId' in value && 'kind' in value;
}

/**
 * "My requests" (newest first, Cancel on pending ones) or "Waiting for me" (oldest first);
 * narrowed to the requests whose title or subject names `about` ("Zoom") when any do.
 */
export async function listCard(
  services: Pick<BotServices, 'trust' | 'requests' | 'incidents'>,
  person: Person,
  which: 'my_requests' | 'waiting_for_me',
  notice?: { text: string; color: 'Good' | 'Attention' },
  about?: string,
): Promise<AdaptiveCardJson> {
  const mine = which === 'my_requests';
  const every = mine ? await services.requests.myRequests(person.id) : await services.requests.waitingFor(person.id);
  const wanted = about?.trim().toLowerCase();
  const named = wanted ? every.filter((r) => `${requestTitle(r)} ${requestSubject(r)}`.toLowerCase().includes(wanted)) : [];
  const all = named.length > 0 ? named : every;
  // My requests also lists the person's lost-device reports, newest first with the requests (unless one request was named).
  const reports = mine && named.length === 0 ? await services.incidents.myIncidents(person.id) : [];
  const entries = [
    ...all.map((request) => ({ at: request.createdAt, request, incident: undefined })),
    ...reports.map((incident) => ({ at: incident.reportedAt, request: undefined, incident })),
  ];
  if (mine) entries.sort((a, b) => b.at.localeCompare(a.at));
  const items = [];
  for (const { request, incident } of entries.slice(0, LIST_LIMIT)) {
    if (incident) {
      const line = await incidentListItem(services, incident);
      items.push({ ...line, subtitle: `Reported ${displayDate(line.sentAt)}`, requestId: null, incidentId: incident.id, openTitle: 'Show', canCancel: false });
      continue;
    }
    const status = mine ? await requestStatus(services, request!, person) : { status: 'Waiting for your decision', statusColor: 'Warning' };
    items.push({
      requestId: request!.id,
      incidentId: null,
      title: `${requestTitle(request!)}: ${requestSubject(request!)}`,
      subtitle: mine ? `Sent ${displayDate(request!.createdAt)}` : `From ${nameOf(services, request!.requesterId)} · ${displayDate(request!.createdAt)}`,
      ...status,
      openTitle: mine ? 'Show' : 'Open to decide',
      canCancel: mine && request!.status === 'pending',
    });
  }
  return renderCard('request-list', {
    heading: mine ? 'My requests' : 'Waiting for me',
    notice: notice ?? null,
    empty: mine ? "You haven't made any requests yet." : 'Nothing is waiting for your decision.',
    view: which,
    verbs: { show: VERBS.requestShow, cancel: VERBS.requestCancel, showIncident: VERBS.incidentShow },
    items,
    more: entries.length > LIST_LIMIT ? `Showing ${LIST_LIMIT} of ${entries.length}.` : null,
  });
}

function actorOf(context: TurnContext, person: Person) {
  return { personId: person.id, conversationId: context.activity.conversation?.id };
}

function nonBlank(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** The delegation form: who approves for you, and until when. */
export async function sendDelegationForm(
  context: TurnContext,
  services: Pick<BotServices, 'trust' | 'clock' | 'requests'>,
  person: Person,
): Promise<void> {
  const current = await services.requests.delegationOf(person.id);
  const people = delegationCandidates(services.trust.data.people, person);
  await context.sendActivity({
    attachments: [
      cardAttachment('delegation-form', {
        verb: VERBS.delegateApprovals,
        today: isoDate(services.clock.now()),
        current: current ? `Your approvals go to ${nameOf(services, current.toId)} until ${displayDate(current.untilDate)}.` : null,
        people: people.map((p) => ({ id: p.id, name: p.name })),
      }),
    ],
  });
}

export async function delegate(
  context: TurnContext,
  services: Pick<BotServices, 'trust' | 'outbox' | 'requests'>,
  person: Person,
  toId: unknown,
  until: unknown,
): Promise<void> {
  try {
    const outcome = await services.requests.delegate(actorOf(context, person), { toId: toId as string, until: until as string });
    await sendNotifications(services, outcome.notifications);
    const d = outcome.value;
    const passed = outcome.notifications.length;
    await context.sendActivity(
      `Done: ${nameOf(services, d.toId)} approves for you until the end of ${displayDate(d.untilDate)}.` +
        (passed > 0 ? ` I've sent them the ${passed} request${passed === 1 ? '' : 's'} waiting for you.` : '') +
        ' You can still decide yourself. Type **back** when you return.',
    );
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await context.sendActivity(err instanceof ValidationError ? err.problems.join(' ') : err.message);
  }
}

export async function endDelegation(context: TurnContext, services: Pick<BotServices, 'trust' | 'requests'>, person: Person): Promise<void> {
  try {
    const ended = await services.requests.endDelegation(actorOf(context, person));
    await context.sendActivity(
      ended
        ? `Welcome back. Your approvals come to you again (${nameOf(services, ended.toId)} no longer approves for you).`
        : "You hadn't handed over your approvals, so nothing has changed.",
    );
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await context.sendActivity(err.message);
  }
}

/** The registers as CSV download links, for the IT manager and SLT (school-level holders see their school). */
export async function sendRegisters(
  context: TurnContext,
  services: Pick<BotServices, 'trust' | 'store' | 'clock' | 'exports' | 'publicUrl'>,
  person: Person,
): Promise<void> {
  const deps = { store: services.store, trust: services.trust, clock: services.clock };
  const links = [];
  try {
    for (const register of REGISTERS) {
      const exported = await exportRegister(deps, actorOf(context, person), register);
      const { token } = await services.exports.create({
        fileName: exported.filename,
        contentType: 'text/csv',
        content: exported.csv,
        createdFor: person.id,
      });
      links.push({
        title: REGISTER_LABELS[register],
        rows: `${exported.rowCount} ${exported.rowCount === 1 ? 'row' : 'rows'}`,
        url: `${services.publicUrl}/exports/${token}`,
      });
    }
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    await context.sendActivity(err.message);
    return;
  }
  const exportRoles = services.trust.registerExportRoles;
  const grants = person.roles.filter((r) => exportRoles.includes(r.role));
  const schools = [...new Set(grants.flatMap((r) => (r.school ? [services.trust.school(r.school)?.name ?? r.school] : [])))];
  const scope = grants.some((r) => r.school === undefined)
    ? `Every school in ${services.trust.name}.`
    : `${schools.join(', ')} only (your role is held there).`;
  await context.sendActivity({ attachments: [cardAttachment('registers', { scope, registers: links })] });
}
