import { sectionLabel } from '../../domain/policy/answer.js';
import { kindOf } from '../../domain/requests/kinds.js';
import type { AnyRequestKind, Fact, FactHelpers } from '../../domain/requests/request-kind.js';
import type { ApprovalRequest } from '../../domain/requests/request.js';
import type { Person } from '../../domain/trust/trust.js';
import type { BotServices } from './bot-services.js';
import { escapeUserText, renderCard, type AdaptiveCardJson } from './card-renderer.js';
import { VERBS } from './verbs.js';

/** The template every view of a request is rendered from. */
export const REQUEST_CARD = 'approval-request';

/** The card heading of a request's kind ("Software install request"). */
export function requestTitle(request: ApprovalRequest): string {
  return kindOf(request).title;
}

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
 * section number) found in the loaded policy; else, for a kind with a policy rule of its own,
 * the clause that rule was found in.
 */
export function clauseFor(
  services: Pick<BotServices, 'trust' | 'policies'>,
  kind: AnyRequestKind,
  school?: string,
): QuotedClause | undefined {
  const reference = services.trust.route(kind, school).policyReference?.trim();
  if (reference) {
    const passages = services.policies.current.passages;
    const found =
      passages.find((p) => p.passage.clause === reference) ??
      passages.find((p) => p.section.number === reference || p.section.parent?.number === reference);
    if (found) return { section: sectionLabel(found), text: found.passage.text };
  }
  const passage = kind.policyRule?.(services.policies.current).passage;
  return passage ? { section: passage.section, text: passage.text } : undefined;
}

/** "3 Mar 2025", as staff in England read dates. */
export function displayDate(iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });
}

/** A person's name, or a placeholder when they have left the roster. */
export function nameOf(services: Pick<BotServices, 'trust'>, personId: string | undefined): string {
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
  return escapeUserText(kindOf(request).subject(request.details), 120);
}

/** How kinds' facts show values: user text escaped, purged text marked, dates as staff read them. */
export function factHelpers(services: Pick<BotServices, 'trust'>, purged: boolean): FactHelpers {
  return {
    text: (value, max = 1000) => (value ? escapeUserText(value, max) : purged ? PURGED : '—'),
    date: displayDate,
    name: (id) => nameOf(services, id),
  };
}

/**
 * Facts from a kind's fields, in order: text escaped, confirmations as "Confirmed", dates with
 * the field's suffix. Empty optional fields are left out; purged ones are marked.
 */
export function fieldFacts(kind: AnyRequestKind, values: Record<string, unknown>, h: FactHelpers, view: 'summary' | 'card', purged = false): Fact[] {
  const facts: Fact[] = [];
  for (const field of kind.fields) {
    const raw = values[field.id];
    const title = field.factTitle ?? field.label;
    if (field.input === 'colleague') {
      if (typeof raw === 'string' && raw !== '') facts.push({ title, value: h.name(raw) });
    } else if (field.input === 'confirm') {
      facts.push({ title, value: raw === true || raw === 'true' ? 'Confirmed' : '—' });
    } else if (typeof raw === 'string' && raw !== '') {
      const value = field.input === 'date' ? h.date(raw) : h.text(raw, field.maxLength ?? 1000);
      facts.push({ title, value: `${value}${field.factSuffix?.[view] ?? ''}` });
    } else if (purged && kind.retention[field.id] === 'purge') {
      facts.push({ title, value: PURGED });
    }
  }
  return facts;
}

/** The request's details as card facts; free text escaped, purged text marked. */
export function requestFacts(services: Pick<BotServices, 'trust'>, request: ApprovalRequest): Fact[] {
  const kind = kindOf(request);
  const h = factHelpers(services, Boolean(request.purgedAt));
  return kind.facts ? kind.facts(request, h) : fieldFacts(kind, request.details, h, 'card', Boolean(request.purgedAt));
}

/** Teams user ids ("29:...") of trust people: from the trust file, else as learned from their messages. */
export async function teamsUserIds(services: Pick<BotServices, 'trust' | 'directory'>, personIds: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const personId of personIds) {
    const person = services.trust.findById(personId);
    if (!person) continue;
    const id = person.teamsUserId ?? (await services.directory.find(person.aadObjectId))?.teamsUserId;
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids.slice(0, 60);
}

/**
 * The request's status in a line, and its colour ("Waiting for a decision from Megan Bowen"). With
 * a viewer, the line addresses them as "you" ("Waiting for your decision"); without one (a copy
 * others may see) it names everyone.
 */
export async function requestStatus(
  services: Pick<BotServices, 'trust' | 'requests'>,
  request: ApprovalRequest,
  viewer?: Person,
): Promise<Pick<RequestCardData, 'status' | 'statusColor'>> {
  return statusLine(services, request, await services.requests.approversNow(request), viewer);
}

function statusLine(
  services: Pick<BotServices, 'trust'>,
  request: ApprovalRequest,
  approvers: string[],
  viewer: Person | undefined,
): Pick<RequestCardData, 'status' | 'statusColor'> {
  const decision = request.decision;
  const who = (id: string | undefined) => (viewer && id === viewer.id ? 'you' : nameOf(services, id));
  switch (request.status) {
    case 'pending': {
      const escalated = request.escalatedAt ? ' (escalated)' : '';
      if (viewer && approvers.length === 1 && approvers[0] === viewer.id) {
        return { status: `Waiting for your decision${escalated}`, statusColor: 'Warning' };
      }
      // "you" first, so the viewer finds themselves at once in "you or Isaiah Langer".
      const ordered = viewer && approvers.includes(viewer.id) ? [viewer.id, ...approvers.filter((id) => id !== viewer.id)] : approvers;
      const names = joinNames(ordered.map(who));
      return { status: `Waiting for a decision${names ? ` from ${names}` : ''}${escalated}`, statusColor: 'Warning' };
    }
    case 'approved':
    case 'rejected': {
      const onBehalf = decision?.onBehalfOf ? ` for ${who(decision.onBehalfOf)}` : '';
      const when = decision ? ` on ${displayDate(decision.at)}` : '';
      return {
        status: `${request.status === 'approved' ? 'Approved' : 'Rejected'} by ${who(decision?.byId)}${onBehalf}${when}`,
        statusColor: request.status === 'approved' ? 'Good' : 'Attention',
      };
    }
    case 'cancelled':
      return {
        status: `Cancelled by ${who(request.requesterId)}${request.cancelledAt ? ` on ${displayDate(request.cancelledAt)}` : ''}`,
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
  services: Pick<BotServices, 'trust' | 'directory' | 'policies' | 'requests'>,
  request: ApprovalRequest,
  viewer: Person | undefined,
  extra: { notice?: CardNotice; problem?: string } = {},
): Promise<AdaptiveCardJson> {
  const approvers = await services.requests.approversNow(request);
  const pending = request.status === 'pending';
  const school = services.trust.school(request.school)?.name;
  const data: RequestCardData = {
    requestId: request.id,
    title: requestTitle(request),
    subtitle: `From ${viewer?.id === request.requesterId ? 'you' : nameOf(services, request.requesterId)}${school ? ` · ${school}` : ''} · ${displayDate(request.createdAt)}`,
    facts: requestFacts(services, request),
    ...statusLine(services, request, approvers, viewer),
    decisionComment: request.decision?.comment
      ? `${request.decision.outcome === 'rejected' ? 'Reason' : 'Comment'}: ${escapeUserText(request.decision.comment)}`
      : null,
    clause: clauseFor(services, kindOf(request), request.school) ?? null,
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
