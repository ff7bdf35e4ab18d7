import { SYSTEM_ACTOR } from './audit.js';
import type { Change } from './context.js';
import { addIds } from './context.js';
import { kindOf } from './kinds.js';
import type { RequestNotification } from './notification.js';
import type { ApprovalRequest } from './request.js';
import { HOUR_MS } from './request.js';
import type { DelegationMap } from './routing.js';
import { notifyTargetsFor } from './routing.js';

/** Hours after which silent approvers are reminded, then the fallback approvers get the request. */
export interface ReminderHours {
  remindAfterHours: number;
  escalateAfterHours: number;
}

/** Something to send about a request (delegates act for `onBehalfOf`). */
export function notification(to: string, kind: RequestNotification['kind'], requestId: string, onBehalfOf?: string): RequestNotification {
  return onBehalfOf ? { to, kind, requestId, onBehalfOf } : { to, kind, requestId };
}

/** Whether a request may have work due: pending and not escalated, or approved with a period still to end. */
export function isDueCandidate(request: ApprovalRequest): boolean {
  return (
    (request.status === 'pending' && !request.escalatedAt) ||
    (request.status === 'approved' && kindOf(request).periodEnd !== undefined && !request.expiryNotifiedAt)
  );
}

/**
 * What is due for one request at `now`: a reminder, an escalation to the fallback approvers, or
 * (for kinds with an authorised period) telling the requester the period has ended.
 */
export function dueChange(
  current: ApprovalRequest,
  now: Date,
  delegations: DelegationMap,
  hours: ReminderHours,
): Change<ApprovalRequest> | undefined {
  const at = now.toISOString();
  if (current.status === 'pending') {
    const age = now.getTime() - Date.parse(current.createdAt);
    if (!current.escalatedAt && age >= hours.escalateAfterHours * HOUR_MS) {
      const fallback = notifyTargetsFor(current.fallbackIds, current.requesterId, delegations);
      // With nobody to escalate to, the approvers get a last reminder instead.
      const targets = fallback.length > 0 ? fallback : notifyTargetsFor(current.approverIds, current.requesterId, delegations);
      const kind = fallback.length > 0 ? 'escalated' : 'reminder';
      return {
        next: {
          ...current,
          escalatedAt: at,
          reminderSentAt: current.reminderSentAt ?? at,
          notifiedIds: addIds(current.notifiedIds, targets.map((t) => t.to)),
        },
        notifications: targets.map((t) => notification(t.to, kind, current.id, t.onBehalfOf)),
        audit: [{ actorId: SYSTEM_ACTOR, action: 'request.escalated', detail: { recipients: targets.length } }],
      };
    }
    if (!current.reminderSentAt && !current.escalatedAt && age >= hours.remindAfterHours * HOUR_MS) {
      const targets = notifyTargetsFor(current.approverIds, current.requesterId, delegations);
      return {
        next: { ...current, reminderSentAt: at, notifiedIds: addIds(current.notifiedIds, targets.map((t) => t.to)) },
        notifications: targets.map((t) => notification(t.to, 'reminder', current.id, t.onBehalfOf)),
        audit: [{ actorId: SYSTEM_ACTOR, action: 'request.reminded', detail: { recipients: targets.length } }],
      };
    }
    return undefined;
  }
  const periodEnd = kindOf(current).periodEnd;
  if (periodEnd && current.status === 'approved' && !current.expiryNotifiedAt && now >= periodEnd.at(current.details)) {
    return {
      next: { ...current, expiryNotifiedAt: at },
      notifications: [notification(current.requesterId, 'password_expiry', current.id)],
      audit: [{ actorId: SYSTEM_ACTOR, action: 'request.password_expiry_notified' }],
    };
  }
  return undefined;
}
