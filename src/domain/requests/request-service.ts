import { randomUUID } from 'node:crypto';
import type { Clock, DocumentStore } from '../ports.js';
import { systemClock } from '../ports.js';
import type { Trust } from '../trust/trust.js';
import type { AuditInput } from './audit.js';
import { ACTIVE_REQUESTS, REQUESTS_BY_REQUESTER, REQUESTS_TO_PURGE } from './request-indexes.js';
import { TrackedRecords, type TrackedShape } from './tracked-records.js';
import { recordAudit, SYSTEM_ACTOR } from './audit.js';
import type { ActorContext, Change, ServiceDeps } from './context.js';
import { activeDelegations, addIds, requirePerson, schoolFor } from './context.js';
import type { Delegation } from './delegation.js';
import { DELEGATIONS, holdsSameRole } from './delegation.js';
import { NotAllowedError, ValidationError } from './errors.js';
import type { Outcome, RequestNotification } from './notification.js';
import { kindOf, checkRequestInput } from './kinds.js';
import type { ApprovalRequest, Decision, DecisionInput, DelegationInput } from './request.js';
import {
  closedError,
  closedForRetentionAt,
  DAY_MS,
  decisionInputSchema,
  delegationInputSchema,
  dropUndefined,
  endOfDay,
  isoDate,
  nextStatus,
  REQUESTS,
  requestIdSchema,
  withoutFreeText,
} from './request.js';
import { dueChange, isDueCandidate, notification } from './request-due-work.js';
import type { DelegationMap } from './routing.js';
import { decidersFor, delegationChain, holdersFor, notifyTargetsFor, routeRequest } from './routing.js';
import { parseInput } from './schema-helpers.js';

/** Longest an approver may be away in one go. */
const MAX_PERIOD_DAYS = 366;

/** Approvers before delegation: the routed approvers, plus the fallback once escalated. */
function baseApprovers(request: ApprovalRequest): string[] {
  return request.escalatedAt ? [...request.approverIds, ...request.fallbackIds] : request.approverIds;
}

function decidersOf(request: ApprovalRequest, delegations: DelegationMap): string[] {
  return decidersFor(baseApprovers(request), request.requesterId, delegations);
}

/** Requests as tracked records: raised by the requester, decided by the approvers, purged once closed. */
const REQUEST_RECORDS: TrackedShape<ApprovalRequest> = {
  collection: REQUESTS,
  what: 'request',
  subject: 'request',
  idSchema: requestIdSchema,
  ownerOf: (r) => r.requesterId,
  raisedAt: (r) => r.createdAt,
  byOwner: REQUESTS_BY_REQUESTER,
  waiting: { index: ACTIVE_REQUESTS, key: 'pending', is: (r) => r.status === 'pending' },
  open: (r) => r.status === 'pending',
  actorsOf: decidersOf,
  retention: {
    index: REQUESTS_TO_PURGE,
    closedAt: (r) => (r.status === 'pending' ? undefined : closedForRetentionAt(r)),
    without: withoutFreeText,
    action: 'request.free_text_purged',
  },
};

/**
 * The request use cases: submit, decide, cancel, list, delegate, and the scheduled work
 * (reminders, escalations, password expiry, retention). Every decision is taken from stored state
 * and the trust file; card data is only ever an id.
 */
export class RequestService {
  private readonly store: DocumentStore;
  private readonly trust: Trust;
  private readonly clock: Clock;
  private readonly records: TrackedRecords<ApprovalRequest>;

  constructor(deps: ServiceDeps) {
    this.store = deps.store;
    this.trust = deps.trust;
    this.clock = deps.clock ?? systemClock;
    this.records = new TrackedRecords({ store: this.store, clock: this.clock }, REQUEST_RECORDS);
  }

  /**
   * Raises a request (`{ kind, ...fields }`, checked by the kind's schema) and returns the `approval_needed`
   * notifications for its approvers, with delegation applied. Throws ValidationError,
   * RequestKindDisabledError (the trust or school forbids the kind), NoApproverError.
   */
  async submitRequest(actor: ActorContext, input: unknown): Promise<Outcome<ApprovalRequest>> {
    const { kind, school: wanted, fields } = checkRequestInput(input);
    const requester = requirePerson(this.trust, actor.personId);
    const school = schoolFor(this.trust, requester, wanted, 'You can only make requests for a school you belong to.');
    const now = this.clock.now();
    const details = kind.prepare(fields, { trust: this.trust, requester, today: isoDate(now) });

    const route = routeRequest(this.trust, kind, requester, school, details);
    const delegations = await activeDelegations(this.store, now);
    const targets = notifyTargetsFor(route.approverIds, requester.id, delegations);
    const request = dropUndefined({
      id: randomUUID(),
      kind: kind.id,
      status: 'pending',
      requesterId: requester.id,
      school,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      conversationId: actor.conversationId,
      policyReference: route.policyReference,
      approverIds: route.approverIds,
      fallbackIds: route.fallbackIds,
      routedToFallback: route.routedToFallback,
      notifiedIds: targets.map((t) => t.to),
      details: dropUndefined(details),
    }) as ApprovalRequest;

    await this.store.put(REQUESTS, request.id, request, null);
    await this.audit(now, request.id, {
      actorId: requester.id,
      action: 'request.submitted',
      conversationId: actor.conversationId,
      to: 'pending',
      detail: { kind: request.kind, ...(route.routedToFallback ? { routedToFallback: true } : {}) },
    });
    return {
      value: request,
      notifications: targets.map((t) => notification(t.to, 'approval_needed', request.id, t.onBehalfOf)),
    };
  }

  /**
   * Approves or rejects (`{ requestId, decision: 'approve' | 'reject', comment }`; a rejection
   * needs a comment, the reason). The first decision wins: a second one, a stale card or a
   * concurrent click gets AlreadyDecidedError with the stored request. Also refuses with
   * NotFoundError (unknown or forged id), NotAllowedError (not an approver, or the requester) and
   * RequestCancelledError; nothing is changed by a refusal.
   */
  async decide(actor: ActorContext, input: DecisionInput): Promise<Outcome<ApprovalRequest>> {
    const parsed = parseInput(decisionInputSchema, input);
    const requestId = this.records.id(parsed.requestId);
    if (parsed.decision === 'reject' && !parsed.comment) {
      throw new ValidationError(['Please give a reason for rejecting, so the requester knows what to do next.']);
    }
    const person = requirePerson(this.trust, actor.personId);
    const delegations = await activeDelegations(this.store, this.clock.now());
    const event = parsed.decision;

    const { value, change } = await this.update(requestId, (current, now) => {
      if (current.requesterId === person.id) {
        throw new NotAllowedError("You can't approve or reject your own request.", current);
      }
      const deciders = decidersOf(current, delegations);
      if (!deciders.includes(person.id)) {
        throw new NotAllowedError("You're not an approver for this request, so you can't decide it.", current);
      }
      const status = nextStatus(current.status, event);
      if (!status) throw closedError(current);

      const at = now.toISOString();
      const next = structuredClone(current);
      next.status = status;
      next.updatedAt = at;
      next.closedAt = at;
      const onBehalfOf = current.approverIds.includes(person.id) || current.fallbackIds.includes(person.id)
        ? undefined
        : this.delegatorOf(person.id, current, delegations);
      next.decision = dropUndefined<Decision>({
        outcome: status === 'approved' ? 'approved' : 'rejected',
        byId: person.id,
        at,
        comment: parsed.comment,
        onBehalfOf,
      });

      const notifications: RequestNotification[] = [
        notification(current.requesterId, 'decided', current.id),
        ...current.notifiedIds
          .filter((id) => id !== person.id && id !== current.requesterId)
          .map((id) => notification(id, 'status_changed', current.id)),
      ];
      const audit: Change<ApprovalRequest>['audit'] = [
        {
          actorId: person.id,
          action: `request.${status}`,
          conversationId: actor.conversationId,
          from: current.status,
          to: status,
          detail: onBehalfOf ? { onBehalfOf } : undefined,
        },
      ];
      const inform = kindOf(next).informOnApproval;
      if (inform && status === 'approved') {
        const told = holdersFor(this.trust, inform.role, next.school).filter((id) => id !== person.id && id !== next.requesterId);
        if (told.length > 0) {
          next.itInformedAt = at;
          notifications.push(...told.map((id) => notification(id, 'it_informed', next.id)));
          audit.push({ actorId: SYSTEM_ACTOR, action: 'request.it_informed', detail: { recipients: told.length } });
        }
      }
      return { next, notifications, audit };
    });
    return { value, notifications: change?.notifications ?? [] };
  }

  /**
   * Cancels a pending request; only its requester may. Approvers holding a card are told so their
   * copies update.
   */
  async cancel(actor: ActorContext, requestId: unknown): Promise<Outcome<ApprovalRequest>> {
    const id = this.records.id(requestId);
    const person = requirePerson(this.trust, actor.personId);
    const { value, change } = await this.update(id, (current, now) => {
      if (current.requesterId !== person.id) {
        throw new NotAllowedError('Only the person who made a request can cancel it.', current);
      }
      const status = nextStatus(current.status, 'cancel');
      if (!status) throw closedError(current);
      const at = now.toISOString();
      const next = { ...structuredClone(current), status, updatedAt: at, closedAt: at, cancelledAt: at };
      return {
        next,
        notifications: current.notifiedIds
          .filter((pid) => pid !== person.id)
          .map((pid) => notification(pid, 'status_changed', current.id)),
        audit: [
          {
            actorId: person.id,
            action: 'request.cancelled',
            conversationId: actor.conversationId,
            from: current.status,
            to: status,
          },
        ],
      };
    });
    return { value, notifications: change?.notifications ?? [] };
  }

  /** One request by id; NotFoundError for unknown or malformed ids. */
  async getRequest(requestId: unknown): Promise<ApprovalRequest> {
    return this.records.get(requestId);
  }

  /**
   * A request as `personId` may see it: theirs, sent to them, or waiting for their decision now.
   * NotAllowedError otherwise, NotFoundError for unknown ids.
   */
  async requestSeenBy(personId: string, requestId: unknown): Promise<ApprovalRequest> {
    const request = await this.getRequest(requestId);
    if (request.requesterId === personId || request.notifiedIds.includes(personId)) return request;
    if ((await this.approversNow(request)).includes(personId)) return request;
    throw new NotAllowedError("That request isn't yours or waiting for you, so I can't show it.");
  }

  /** "My requests": everything the person raised, newest first. */
  async myRequests(personId: string): Promise<ApprovalRequest[]> {
    return this.records.ownedBy(personId);
  }

  /** "Waiting for me": pending requests this person may decide now (delegations included), oldest first. */
  async waitingFor(personId: string): Promise<ApprovalRequest[]> {
    return this.records.waitingFor(personId);
  }

  /** Person ids who may decide the request now (for the card's refresh.userIds); empty once closed. */
  async approversNow(request: ApprovalRequest): Promise<string[]> {
    return this.records.actorsNow(request);
  }

  /**
   * Hands the actor's approvals to `toId` (`{ toId, until: 'YYYY-MM-DD' }`, the last day away) who
   * must hold the same role; replaces any earlier delegation. Pending requests waiting for the
   * actor are sent to the delegate at once.
   */
  async delegate(actor: ActorContext, input: DelegationInput): Promise<Outcome<Delegation>> {
    const parsed = parseInput(delegationInputSchema, input);
    const from = requirePerson(this.trust, actor.personId);
    const to = this.trust.findById(parsed.toId);
    if (!to) throw new ValidationError(["I couldn't find that person in your trust."]);
    if (to.id === from.id) throw new ValidationError(['Please choose someone other than yourself.']);
    if (!holdsSameRole(from, to)) {
      throw new ValidationError([`${to.name} doesn't hold the same role as you, so they can't approve on your behalf.`]);
    }
    const now = this.clock.now();
    if (parsed.until < isoDate(now)) throw new ValidationError(['The day you are back is already in the past.']);
    if (endOfDay(parsed.until).getTime() - now.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
      throw new ValidationError(['You can hand over your approvals for up to a year at a time.']);
    }
    const before = await activeDelegations(this.store, now);
    if (delegationChain(to.id, before).includes(from.id)) {
      throw new ValidationError([`${to.name} has handed their approvals to you, so they can't take yours.`]);
    }

    const delegation: Delegation = dropUndefined({
      id: from.id,
      fromId: from.id,
      toId: to.id,
      untilDate: parsed.until,
      endsAt: endOfDay(parsed.until).toISOString(),
      createdAt: now.toISOString(),
      conversationId: actor.conversationId,
    });
    await this.store.put(DELEGATIONS, from.id, delegation);
    await recordAudit(this.store, now, {
      actorId: from.id,
      action: 'delegation.created',
      subject: 'delegation',
      subjectId: from.id,
      conversationId: actor.conversationId,
      detail: { toId: to.id, until: parsed.until },
    });

    const delegations = new Map(before).set(from.id, to.id);
    const notifications: RequestNotification[] = [];
    for (const request of await this.store.find(ACTIVE_REQUESTS, 'pending')) {
      if (request.status !== 'pending' || !baseApprovers(request).includes(from.id)) continue;
      const target = notifyTargetsFor([from.id], request.requesterId, delegations)[0];
      if (!target || target.to === from.id) continue;
      const { change } = await this.update(request.id, (current) =>
        current.status === 'pending' && !current.notifiedIds.includes(target.to)
          ? { next: { ...current, notifiedIds: addIds(current.notifiedIds, [target.to]) }, notifications: [], audit: [] }
          : undefined,
      );
      if (change) notifications.push(notification(target.to, 'approval_needed', request.id, from.id));
    }
    return { value: delegation, notifications };
  }

  /** Ends the actor's delegation, if any (they are back early). */
  async endDelegation(actor: ActorContext): Promise<Delegation | undefined> {
    const person = requirePerson(this.trust, actor.personId);
    const stored = await this.store.get<Delegation>(DELEGATIONS, person.id);
    if (!stored) return undefined;
    await this.store.delete(DELEGATIONS, person.id);
    await recordAudit(this.store, this.clock.now(), {
      actorId: person.id,
      action: 'delegation.ended',
      subject: 'delegation',
      subjectId: person.id,
      conversationId: actor.conversationId,
    });
    return stored.value;
  }

  /** The person's delegation in force now, if any. */
  async delegationOf(personId: string): Promise<Delegation | undefined> {
    const stored = await this.store.get<Delegation>(DELEGATIONS, personId);
    return stored && new Date(stored.value.endsAt) > this.clock.now() ? stored.value : undefined;
  }

  /**
   * Finds what is due at the clock's now — reminders to silent approvers after remindAfterHours,
   * escalation to the fallback approvers after escalateAfterHours, the end of password sharing —
   * records it on the request and returns what to send. Everything is computed from stored state,
   * so it survives restarts, and each thing is sent once even with several instances running.
   */
  async runDueWork(): Promise<RequestNotification[]> {
    const { remindAfterHours, escalateAfterHours } = this.trust.data.reminders;
    const delegations = await activeDelegations(this.store, this.clock.now());
    const notifications: RequestNotification[] = [];
    const candidates = [...(await this.store.find(ACTIVE_REQUESTS, 'pending')), ...(await this.store.find(ACTIVE_REQUESTS, 'due'))];
    for (const candidate of candidates) {
      if (!isDueCandidate(candidate)) continue;
      const { change } = await this.update(candidate.id, (current, now) =>
        dueChange(current, now, delegations, { remindAfterHours, escalateAfterHours }),
      );
      if (change) notifications.push(...(change.notifications as RequestNotification[]));
    }
    return notifications;
  }

  /**
   * Removes personal free text (reasons, comments, device descriptions) from requests closed for
   * longer than the trust's retention.freeTextDays, keeping ids, kinds, statuses, dates and the
   * audit trail. Returns the ids purged.
   */
  async purgeExpiredFreeText(): Promise<string[]> {
    return this.records.purgeExpired(this.trust.data.retention.freeTextDays * DAY_MS);
  }

  /** The base approver a delegate acts for. */
  private delegatorOf(delegateId: string, request: ApprovalRequest, delegations: DelegationMap): string | undefined {
    return baseApprovers(request).find((id) => delegationChain(id, delegations).includes(delegateId));
  }

  private update(
    id: string,
    decide: (current: ApprovalRequest, now: Date) => Change<ApprovalRequest> | undefined,
  ): Promise<{ value: ApprovalRequest; change?: Change<ApprovalRequest> }> {
    return this.records.update(id, decide);
  }

  private audit(now: Date, requestId: string, entry: Omit<AuditInput, 'subject' | 'subjectId'>): Promise<unknown> {
    return recordAudit(this.store, now, { ...entry, subject: 'request', subjectId: requestId });
  }
}

export { isoDate };

