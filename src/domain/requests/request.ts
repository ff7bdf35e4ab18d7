import { z } from 'zod';
import type { RequestKind } from '../trust/trust.js';
import { calendarDate, idSchema, mustConfirm, optionalId, optionalText, requiredText } from './schema-helpers.js';

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

/** What a software request is about (`reason` and `device` are purgeable free text). */
export interface SoftwareDetails {
  software: string;
  url?: string;
  device?: string;
  reason?: string;
}

/** Who may use whose account, where, why and when. No password, ever. */
export interface PasswordSharingDetails {
  /** Trust person id of who will use the account, when they are in the trust's roster. */
  sharedWithPersonId?: string;
  sharedWithName: string;
  system: string;
  reason?: string;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive: the owner is told to change the password once this day ends. */
  until: string;
}

/** A personal device entry; once approved it is a line of the personal devices log. */
export interface PersonalDeviceDetails {
  device?: string;
  accesses?: string;
  screenLock: true;
  encryption: true;
  updates: true;
}

/** A request to install software. */
export interface SoftwareRequest extends RequestCommon {
  kind: 'software';
  details: SoftwareDetails;
}

/** A password-sharing authorisation. */
export interface PasswordSharingRequest extends RequestCommon {
  kind: 'password_sharing';
  details: PasswordSharingDetails;
  /** When the IT manager was told of the approval. */
  itInformedAt?: string;
  /** When the owner was told to change the password. */
  expiryNotifiedAt?: string;
}

/** A personal device declaration. */
export interface PersonalDeviceRequest extends RequestCommon {
  kind: 'personal_device';
  details: PersonalDeviceDetails;
}

/** A stored request; `kind` tells which details it carries. */
export type ApprovalRequest = SoftwareRequest | PasswordSharingRequest | PersonalDeviceRequest;

const schoolField = { school: optionalId };

const httpUrl = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z
    .string()
    .trim()
    .max(500, 'The link is too long: please keep it to 500 characters.')
    .url('Please give the link as a full web address, starting with https://')
    .refine((u) => /^https?:\/\//i.test(u), 'Please give the link as a full web address, starting with https://')
    .optional(),
);

/** A software installation request as the requester fills it in. */
export const softwareInputSchema = z.object({
  kind: z.literal('software'),
  software: requiredText('the name of the software', 200),
  url: httpUrl,
  device: optionalText('which device it is for', 200),
  reason: requiredText('why you need it', 1000),
  ...schoolField,
});

/** Who will use the account, which system, why, from/until: never the password itself (unknown fields are dropped). */
export const passwordSharingInputSchema = z.object({
  kind: z.literal('password_sharing'),
  sharedWithPersonId: optionalId,
  sharedWithName: optionalText('the name of the person who will use the account', 200),
  system: requiredText('which system or account it is', 200),
  reason: requiredText('why the account needs to be shared', 1000),
  from: calendarDate('the first day of sharing'),
  until: calendarDate('the last day of sharing'),
  ...schoolField,
});

/** A personal device declaration; all three confirmations must be ticked. */
export const personalDeviceInputSchema = z.object({
  kind: z.literal('personal_device'),
  device: requiredText('a description of the device', 200),
  accesses: requiredText('what the device will be used to access', 1000),
  screenLock: mustConfirm('Please confirm the device locks with a PIN, password or biometrics.'),
  encryption: mustConfirm("Please confirm the device's storage is encrypted."),
  updates: mustConfirm('Please confirm the device gets security updates and has them turned on.'),
  ...schoolField,
});

/** Everything a requester fills in; one schema gives the type and the validator. */
export const submitRequestSchema = z
  .discriminatedUnion('kind', [softwareInputSchema, passwordSharingInputSchema, personalDeviceInputSchema], {
    errorMap: (issue, ctx) =>
      issue.code === z.ZodIssueCode.invalid_union_discriminator || issue.code === z.ZodIssueCode.invalid_type
        ? { message: 'Please choose what kind of request this is.' }
        : { message: ctx.defaultError },
  })
  .superRefine((input, ctx) => {
    if (input.kind !== 'password_sharing') return;
    if (!input.sharedWithPersonId && !input.sharedWithName) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['sharedWithName'],
        message: 'Please say who will use the account.',
      });
    }
    if (input.until < input.from) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['until'],
        message: 'The last day of sharing must be on or after the first day.',
      });
    }
  });

/** A validated request as submitted. */
export type SubmitRequestInput = z.output<typeof submitRequestSchema>;

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

/** Start of the day after a YYYY-MM-DD date, UTC: the moment an inclusive date range ends. */
export function endOfDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS);
}

/** The moment a password-sharing authorisation ends and the owner must change the password. */
export function passwordExpiryAt(request: PasswordSharingRequest): Date {
  return endOfDay(request.details.until);
}

/** When a closed request stops being in use: decision or cancellation, or the end of sharing. */
export function closedForRetentionAt(request: ApprovalRequest): Date | undefined {
  if (!request.closedAt) return undefined;
  const closed = new Date(request.closedAt);
  if (request.kind === 'password_sharing' && request.status === 'approved') {
    const expiry = passwordExpiryAt(request);
    return expiry > closed ? expiry : closed;
  }
  return closed;
}

/** Removes personal free text, keeping the record's skeleton (ids, kind, status, dates, flags). */
export function withoutFreeText(request: ApprovalRequest): ApprovalRequest {
  const copy = structuredClone(request);
  if (copy.decision) delete copy.decision.comment;
  switch (copy.kind) {
    case 'software':
      delete copy.details.reason;
      delete copy.details.device;
      break;
    case 'password_sharing':
      delete copy.details.reason;
      break;
    case 'personal_device':
      delete copy.details.device;
      delete copy.details.accesses;
      break;
  }
  return copy;
}

/** Human labels for the kinds, for registers and messages. */
export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  software: 'Software installation',
  password_sharing: 'Password-sharing authorisation',
  personal_device: 'Personal device declaration',
};

/** Milliseconds in a day and an hour. */
export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;
