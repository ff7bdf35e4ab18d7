import { z } from 'zod';
import { AlreadyDecidedError, RequestCancelledError } from './errors.js';
import { kindOf } from './kinds.js';
import type { Details } from './request-kind.js';
import { endOfDay } from './request-kind.js';
import { calendarDate, idSchema, optionalText } from './schema-helpers.js';

/** The collection requests are stored in, one document per request id. */
export const REQUESTS = 'requests';

/** pending → approved | rejected | cancelled; nothing leaves a closed status. */
export const REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** What can happen to a request. */
export type RequestEvent = 'approve' | 'reject' | 'cancel';

/** The state machine: only a pending request moves, and only once. */
const TRANSITIONS: Record<RequestStatus, Partial<Record<RequestEvent, RequestStatus>>> = {
  pending: { approve: 'approved', reject: 'rejected', cancel: 'cancelled' },
  approved: {},
  rejected: {},
  cancelled: {},
};

/** The status an event leads to, or undefined when the event is not allowed from `status`. */
export function nextStatus(status: RequestStatus, event: RequestEvent): RequestStatus | undefined {
  return TRANSITIONS[status][event];
}

/** The one decision a request gets. */
export interface Decision {
  outcome: 'approved' | 'rejected';
  /** Person id of whoever decided. */
  byId: string;
  at: string;
  /** Approval comment or rejection reason (free text, purged under the retention rule). */
  comment?: string;
  /** When a delegate decided: the away approver's person id. */
  onBehalfOf?: string;
}

interface RequestCommon {
  id: string;
  status: RequestStatus;
  requesterId: string;
  /** The requester's school the request is for; undefined for trust-wide (central) staff. */
  school?: string;
  createdAt: string;
  updatedAt: string;
  /** The conversation the request was made from. */
  conversationId?: string;
  /** The policy clause that requires this request, from the trust's routing. */
  policyReference?: string;
  /** Who may decide (person ids, resolved from routing when the request was made). */
  approverIds: string[];
  /** Who may decide after escalation. */
  fallbackIds: string[];
  /** True when nobody held the approver role (or only the requester did) so the fallback got it. */
  routedToFallback: boolean;
  /** Everyone sent a card for this request, so every copy can be updated. */
  notifiedIds: string[];
  reminderSentAt?: string;
  escalatedAt?: string;
  decision?: Decision;
  cancelledAt?: string;
  /** When the request stopped being pending. */
  closedAt?: string;
  /** When the personal free text was removed. */
  purgedAt?: string;
}

/**
 * A stored request; `kind` is a registered kind's id and `details` what that kind's `prepare`
 * made of the form (see src/kinds/<kind>/kind.ts).
 */
export interface ApprovalRequest extends RequestCommon {
  kind: string;
  details: Details;
  /** When the kind's after-approval role (e.g. the IT manager for password sharing) was told. */
  itInformedAt?: string;
  /** When the requester was told the authorised period had ended. */
  expiryNotifiedAt?: string;
}

/** An approver's answer, as it comes from a card. */
export const decisionInputSchema = z.object({
  requestId: z.unknown(),
  decision: z.enum(['approve', 'reject'], {
    errorMap: () => ({ message: 'Please choose Approve or Reject.' }),
  }),
  comment: optionalText('the comment', 1000),
});

export type DecisionInput = z.input<typeof decisionInputSchema>;

/** Request ids are UUIDs; anything else is refused before touching storage. */
export const requestIdSchema = z.string().uuid();

/** An approver handing over their approvals while away. */
export const delegationInputSchema = z.object({
  toId: idSchema,
  until: calendarDate('the day you are back'),
});

export type DelegationInput = z.input<typeof delegationInputSchema>;

export { endOfDay };

/** When a closed request stops being in use: decision or cancellation, or the end of what was authorised. */
export function closedForRetentionAt(request: ApprovalRequest): Date | undefined {
  if (!request.closedAt) return undefined;
  const closed = new Date(request.closedAt);
  const periodEnd = kindOf(request).periodEnd;
  if (periodEnd && request.status === 'approved') {
    const end = periodEnd.at(request.details);
    return end > closed ? end : closed;
  }
  return closed;
}

/** Removes personal free text (the kind's `purge` fields, the decision comment), keeping the record's skeleton. */
export function withoutFreeText(request: ApprovalRequest): ApprovalRequest {
  const copy = structuredClone(request);
  if (copy.decision) delete copy.decision.comment;
  const retention = kindOf(copy).retention as Record<string, 'purge' | 'keep'>;
  for (const [field, rule] of Object.entries(retention)) if (rule === 'purge') delete copy.details[field];
  return copy;
}

/** YYYY-MM-DD of an instant, UTC. */
export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Milliseconds in a day and an hour. */
export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

/** The refusal for acting on a request that is no longer pending. */
export function closedError(current: ApprovalRequest): Error {
  return current.status === 'cancelled'
    ? new RequestCancelledError(current)
    : new AlreadyDecidedError(current, current.status);
}

/** Drops undefined fields so stored documents stay tidy. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
