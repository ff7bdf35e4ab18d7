import { sectionLabel } from '../../domain/policy/answer.js';
import type { ApprovalRequest } from '../../domain/requests/request.js';
import type { Person, RequestKind } from '../../domain/trust/trust.js';
import type { BotServices } from './bot-services.js';
import { escapeUserText, renderCard, type AdaptiveCardJson } from './card-renderer.js';
import { VERBS } from './verbs.js';

/** The template every view of a request is rendered from. */
export const REQUEST_CARD = 'approval-request';

/** Card headings for each kind of request. */
export const REQUEST_TITLES: Record<RequestKind, string> = {
  software: 'Software install request',
  password_sharing: 'Password-sharing authorisation',
  personal_device: 'Personal device declaration',
};

/** A clause of the trust's policy, quoted on forms and request cards. */
export interface QuotedClause {
  /** "4.2 Software, hardware and removable media" */
  section: string;
  /** The policy's own words. */
  text: string;
}

/** A coloured banner at the top of a card. */
export interface CardNotice {
  text: string;
  style: 'good' | 'attention' | 'warning' | 'accent';
}

/** What cards/approval-request.json binds. */
export interface RequestCardData {
  requestId: string;
  title: string;
  subtitle: string;
  facts: { title: string; value: string }[];
  status: string;
  statusColor: 'Good' | 'Attention' | 'Warning' | 'Default';
  decisionComment: string | null;
  clause: QuotedClause | null;
  notice: CardNotice | null;
  problem: string | null;
  canDecide: boolean;
  canCancel: boolean;
  verbs: { decide: string; cancel: string; refresh: string };
  refreshUserIds: string[] | null;
}

/**
 * The policy clause a kind of request rests on: the routing's policyReference (a clause or
 * section number) found in the loaded policy; for password sharing, the clause the policy's
 * sharing rule was found in when the routing names none.
 */
export function clauseFor(services: BotServices, kind: RequestKind, school?: string): QuotedClause | undefined {
  const reference = services.trust.route(kind, school).policyReference?.trim();
  if (reference) {
    const passages = services.policies.current.passages;
    const found =
      passages.find((p) => p.passage.clause === reference) ??
      passages.find((p) => p.section.number === reference || p.section.parent?.number === reference);
    if (found) return { section: sectionLabel(found), text: found.passage.text };
  }
  if (kind === 'password_sharing') {
    const passage = services.policies.passwordSharingRule().passage;
    if (passage) return { section: passage.section, text: passage.text };
  }
  return undefined;
}

/** "3 Mar 2025", as staff in England read dates. */
export function displayDate(iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });
}

/** A person's name, or a placeholder when they have left the roster. */
export function nameOf(services: BotServices, personId: string | undefined): string {
  return (personId && services.trust.findById(personId)?.name) || 'someone no longer listed';
}

/** Names joined as "A", "A or B", "A, B or C". */
export function joinNames(names: string[], conjunction = 'or'): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} ${conjunction} ${names[names.length - 1]}`;
}

const PURGED = '(removed after the retention period)';

/** What the request is about, in a few words (user text escaped): "Audacity", "Arbor, used by Tom Reed". */
export function requestSubject(request: ApprovalRequest): string {
  switch (request.kind) {
    case 'software':
      return escapeUserText(request.details.software, 80);
    case 'password_sharing':
      return `${escapeUserText(request.details.system, 60)}, used by ${escapeUserText(request.details.sharedWithName, 60)}`;
    case 'personal_device':
      return request.details.device ? escapeUserText(request.details.device, 80) : 'a personal device';
  }
}

/** The request's details as card facts; free text escaped, purged text marked. */
export function requestFacts(services: BotServices, request: ApprovalRequest): { title: string; value: string }[] {
  const text = (value: string | undefined, max = 1000) => (value ? escapeUserText(value, max) : request.purgedAt ? PURGED : '—');
  switch (request.kind) {
    case 'software':
      return [
        { title: 'Software', value: text(request.details.software, 200) },
        ...(request.details.url ? [{ title: 'Link', value: text(request.details.url, 500) }] : []),
        { title: 'Device', value: text(request.details.device, 200) },
        { title: 'Why', value: text(request.details.reason) },
      ];
    case 'password_sharing':
      return [
        { title: 'Account owner', value: nameOf(services, request.requesterId) },
        { title: 'Will be used by', value: text(request.details.sharedWithName, 200) },
        { title: 'System', value: text(request.details.system, 200) },
        { title: 'Why', value: text(request.details.reason) },
        { title: 'From', value: displayDate(request.details.from) },
        { title: 'Until', value: `${displayDate(request.details.until)} (then the password must be changed)` },
      ];
    case 'personal_device':
      return [
        { title: 'Device', value: text(request.details.device, 200) },
        { title: 'Used to access', value: text(request.details.accesses) },
        { title: 'Screen lock and password or PIN', value: 'Confirmed' },
        { title: 'Storage encrypted', value: 'Confirmed' },
        { title: 'Security updates on', value: 'Confirmed' },
      ];
  }
}

/** Teams user ids ("29:...") of trust people: from the trust file, else as learned from their messages. */
export async function teamsUserIds(services: BotServices, personIds: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const personId of personIds) {
    const person = services.trust.findById(personId);
    if (!person) continue;
    const id = person.teamsUserId ?? (await services.directory.find(person.aadObjectId))?.teamsUserId;
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids.slice(0, 60);
}

/** The request's status in a line, and its colour ("Waiting for a decision from Megan Bowen"). */
export async function requestStatus(services: BotServices, request: ApprovalRequest): Promise<Pick<RequestCardData, 'status' | 'statusColor'>> {
  return statusLine(services, request, await services.requests.approversNow(request));
}

function statusLine(services: BotServices, request: ApprovalRequest, approvers: string[]): Pick<RequestCardData, 'status' | 'statusColor'> {
  const decision = request.decision;
  switch (request.status) {
    case 'pending': {
      const names = joinNames(approvers.map((id) => nameOf(services, id)));
      return { status: `Waiting for a decision${names ? ` from ${names}` : ''}${request.escalatedAt ? ' (escalated)' : ''}`, statusColor: 'Warning' };
    }
    case 'approved':
    case 'rejected': {
      const onBehalf = decision?.onBehalfOf ? ` for ${nameOf(services, decision.onBehalfOf)}` : '';
      const when = decision ? ` on ${displayDate(decision.at)}` : '';
      return {
        status: `${request.status === 'approved' ? 'Approved' : 'Rejected'} by ${nameOf(services, decision?.byId)}${onBehalf}${when}`,
        statusColor: request.status === 'approved' ? 'Good' : 'Attention',
      };
    }
    case 'cancelled':
      return {
        status: `Cancelled by ${nameOf(services, request.requesterId)}${request.cancelledAt ? ` on ${displayDate(request.cancelledAt)}` : ''}`,
        statusColor: 'Default',
      };
  }
}

/**
 * The request's card as `viewer` should see it, from stored state: approvers who may decide now
 * get Approve/Reject, the requester gets Cancel while it is pending, everyone else the status.
 * While pending, the card refreshes itself (Universal Actions) for the approvers and requester.
 */
export async function renderRequestCard(
  services: BotServices,
  request: ApprovalRequest,
  viewer: Person | undefined,
  extra: { notice?: CardNotice; problem?: string } = {},
): Promise<AdaptiveCardJson> {
  const approvers = await services.requests.approversNow(request);
  const pending = request.status === 'pending';
  const school = services.trust.school(request.school)?.name;
  const data: RequestCardData = {
    requestId: request.id,
    title: REQUEST_TITLES[request.kind],
    subtitle: `From ${nameOf(services, request.requesterId)}${school ? ` · ${school}` : ''} · ${displayDate(request.createdAt)}`,
    facts: requestFacts(services, request),
    ...statusLine(services, request, approvers),
    decisionComment: request.decision?.comment
      ? `${request.decision.outcome === 'rejected' ? 'Reason' : 'Comment'}: ${escapeUserText(request.decision.comment)}`
      : null,
    clause: clauseFor(services, request.kind, request.school) ?? null,
    notice: extra.notice ?? null,
    problem: extra.problem ?? null,
    canDecide: pending && viewer !== undefined && approvers.includes(viewer.id),
    canCancel: pending && viewer !== undefined && viewer.id === request.requesterId,
    verbs: { decide: VERBS.requestDecide, cancel: VERBS.requestCancel, refresh: VERBS.requestRefresh },
    refreshUserIds: pending ? await teamsUserIds(services, [...approvers, request.requesterId]) : null,
  };
  const card = renderCard(REQUEST_CARD, data);
  // A closed request needs no refresh: every copy is updated once, when it closes.
  if (!card.refresh) delete card.refresh;
  return card;
}
