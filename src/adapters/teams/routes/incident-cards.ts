import { sectionLabel } from '../../../domain/policy/answer.js';
import type { Incident } from '../../../domain/incidents/incident.js';
import { lostDevice } from '../../../kinds/lost-device/kind.js';
import { incidentChecklist, incidentRouteKey } from '../../../domain/incidents/incident.js';
import type { Person, Role } from '../../../domain/trust/trust.js';
import type { BotServices } from '../bot-services.js';
import { escapeUserText, renderCard, type AdaptiveCardJson } from '../card-renderer.js';
import { describeRoles } from '../identity.js';
import { displayDate, joinNames, nameOf, teamsUserIds, type CardNotice, type QuotedClause } from '../request-cards.js';

const LONDON_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "Thursday 6 March 2025 at 09:00" in UK time (GMT or BST, whichever applies on that day). */
export function ukDateTime(iso: string): string {
  const parts = Object.fromEntries(LONDON_DATE_TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}`;
}

/** "Stolen laptop", "Lost ID badge". */
export function incidentTitle(incident: Pick<Incident, 'item' | 'circumstance'>): string {
  return `${lostDevice.circumstances[incident.circumstance].word} ${lostDevice.items[incident.item].noun}`;
}

/** "Megan Bowen (IT manager)": the role that got them told about this incident. */
function personWithRole(services: Pick<BotServices, 'trust'>, incident: Incident, personId: string): string {
  const person = services.trust.findById(personId);
  if (!person) return nameOf(services, personId);
  const route = services.trust.incidentRoute(incidentRouteKey(incident.item));
  const relevant: Role[] = [...route.notifyRoles, ...route.dataBreachRoles, ...(route.fallbackRole ? [route.fallbackRole] : [])];
  const role = relevant.find((r) => services.trust.hasRole(person, r, incident.school)) ?? person.roles[0]?.role;
  return role ? `${person.name} (${services.trust.roleLabel(role)})` : person.name;
}

/** The clause the incident route names (e.g. 9.1), quoted from the loaded policy. */
export function incidentClause(services: Pick<BotServices, 'policies'>, incident: Incident): QuotedClause | undefined {
  const reference = incident.policyReference?.trim();
  if (!reference) return undefined;
  const passages = services.policies.current.passages;
  const found =
    passages.find((p) => p.passage.clause === reference) ??
    passages.find((p) => p.section.number === reference || p.section.parent?.number === reference);
  return found ? { section: sectionLabel(found), text: found.passage.text } : undefined;
}

function statusLine(
  services: Pick<BotServices, 'trust'>,
  incident: Incident,
  forReporter: boolean,
  viewer?: Person,
): { status: string; statusColor: string } {
  const who = (id: string | undefined) => (viewer && id === viewer.id ? 'you' : nameOf(services, id));
  switch (incident.status) {
    case 'open':
      return {
        status: forReporter ? 'Waiting for someone to acknowledge it' : 'Waiting for someone to acknowledge it: nobody has taken it on yet',
        statusColor: forReporter ? 'Accent' : 'Attention',
      };
    case 'acknowledged': {
      const ack = incident.acknowledgement!;
      return {
        status: `${forReporter ? `${personWithRole(services, incident, ack.byId)} is handling it` : `Acknowledged by ${who(ack.byId)}`} (since ${ukDateTime(ack.at)})`,
        statusColor: 'Good',
      };
    }
    case 'closed':
      return {
        status: `Closed by ${who(incident.closedById)}${incident.closedAt ? ` on ${ukDateTime(incident.closedAt)}` : ''}`,
        statusColor: 'Default',
      };
  }
}

/** What the people alerted see: the facts, the 72-hour deadline when data may be involved, and the status. */
export async function renderIncidentAlert(
  services: Pick<BotServices, 'trust' | 'directory' | 'policies' | 'incidents'>,
  incident: Incident,
  viewer: Person | undefined,
  extra: { reminder?: boolean; notice?: CardNotice } = {},
): Promise<AdaptiveCardJson> {
  const responders = await services.incidents.respondersNow(incident);
  const reporter = services.trust.findById(incident.reporterId);
  const school = services.trust.school(incident.school)?.name;
  const canRespond = viewer !== undefined && responders.includes(viewer.id);
  const free = (text: string | undefined, max: number) => (text ? escapeUserText(text, max) : undefined);
  const facts = [
    { title: 'Reported', value: ukDateTime(incident.reportedAt) },
    { title: 'Lost or stolen', value: lostDevice.circumstances[incident.circumstance].word },
    ...(incident.noticedOn ? [{ title: 'Noticed on', value: incident.noticedOn }] : []),
    { title: 'Personal data', value: lostDevice.dataInvolved[incident.dataInvolved].fact },
    ...(incident.location ? [{ title: 'Where and when', value: free(incident.location, 200)! }] : []),
    ...(incident.description ? [{ title: 'Details', value: free(incident.description, 1000)! }] : []),
    ...(incident.circumstance === 'stolen'
      ? [{ title: 'Crime reference', value: free(incident.crimeReference, 50) ?? 'Not given yet' }]
      : []),
    ...(school ? [{ title: 'School', value: school }] : []),
  ];
  const told = [...incident.recipientIds, ...incident.dataRecipientIds];
  const whyYou =
    viewer && incident.dataRecipientIds.includes(viewer.id)
      ? "You're told because personal or confidential data may be involved (the data breach procedure)."
      : viewer && canRespond && !told.includes(viewer.id)
        ? "You're getting this because you're covering for someone who is away."
        : null;
  const card = renderCard('incident-alert', {
    incidentId: incident.id,
    refreshUserIds: incident.status === 'closed' ? null : await teamsUserIds(services, responders),
    notice: extra.notice ?? null,
    reminder: Boolean(extra.reminder) && incident.status === 'open',
    title: incidentTitle(incident),
    reporter: reporter ? `${reporter.name} (${describeRoles(reporter, services.trust)})` : nameOf(services, incident.reporterId),
    facts,
    deadline: incident.mayInvolveData && incident.breachReportDeadline ? `${ukDateTime(incident.breachReportDeadline)} (UK time)` : null,
    whyYou,
    clause: incidentClause(services, incident) ?? null,
    ...statusLine(services, incident, false, viewer),
    canAcknowledge: canRespond && incident.status === 'open',
    canClose: canRespond && incident.status === 'acknowledged',
  });
  if (!card.refresh) delete card.refresh;
  return card;
}

/** The reporter's card: who was told, the status, what to do now, and the crime reference box while it is missing. */
export async function renderIncidentChecklist(
  services: Pick<BotServices, 'trust' | 'directory'>,
  incident: Incident,
  extra: { notice?: CardNotice; problems?: string[] } = {},
): Promise<AdaptiveCardJson> {
  const named = (ids: string[]) => joinNames(ids.map((id) => personWithRole(services, incident, id)), 'and');
  let told =
    incident.recipientIds.length > 0
      ? `I've told ${named(incident.recipientIds)}.`
      : "I couldn't find anyone to tell in your trust's set-up, so please phone your IT manager now.";
  if (incident.dataRecipientIds.length > 0) {
    told += ` Because personal data may be involved, I've also told ${named(incident.dataRecipientIds)}.`;
  }
  const closed = incident.status === 'closed';
  const card = renderCard('incident-checklist', {
    incidentId: incident.id,
    refreshUserIds: closed ? null : await teamsUserIds(services, [incident.reporterId]),
    notice: extra.notice ?? null,
    title: `Report sent: ${incident.circumstance} ${lostDevice.items[incident.item].noun}`,
    summary: `Reported ${ukDateTime(incident.reportedAt)}`,
    told,
    ...statusLine(services, incident, true),
    checklist: closed ? [] : incidentChecklist(incident).map((item) => ({ mark: item.done ? '☑' : '☐', text: item.text, done: item.done })),
    crimeReference: incident.crimeReference ? escapeUserText(incident.crimeReference, 50) : null,
    askCrimeReference: incident.circumstance === 'stolen' && !incident.crimeReference && !closed,
    problems: extra.problems?.length ? `Please check: ${extra.problems.join(' ')}` : null,
  });
  if (!card.refresh) delete card.refresh;
  return card;
}

/** The incident's card as `viewer` should see it: the reporter's checklist, or the alert. */
export async function renderIncidentCardFor(
  services: Pick<BotServices, 'trust' | 'directory' | 'policies' | 'incidents'>,
  incident: Incident,
  viewer: Person | undefined,
  extra: { notice?: CardNotice; problems?: string[]; reminder?: boolean } = {},
): Promise<AdaptiveCardJson> {
  return viewer?.id === incident.reporterId
    ? renderIncidentChecklist(services, incident, extra)
    : renderIncidentAlert(services, incident, viewer, extra);
}

/** One of the reporter's own reports as a line of "My requests": what, when, and where it stands. */
export async function incidentListItem(
  services: Pick<BotServices, 'trust' | 'incidents'>,
  incident: Incident,
): Promise<{ title: string; sentAt: string; status: string; statusColor: string }> {
  let status: string;
  let statusColor: string;
  if (incident.status === 'closed') {
    status = `Closed${incident.closedAt ? ` on ${displayDate(incident.closedAt)}` : ''}: nothing more to do`;
    statusColor = 'Default';
  } else if (incident.status === 'acknowledged') {
    status = `Being handled by ${nameOf(services, incident.acknowledgement?.byId)}`;
    statusColor = 'Good';
  } else {
    const names = joinNames((await services.incidents.respondersNow(incident)).map((id) => nameOf(services, id)));
    status = `Reported: waiting for ${names || 'someone'} to take it on`;
    statusColor = 'Warning';
  }
  return { title: `${lostDevice.title}: ${incidentTitle(incident)}`, sentAt: incident.reportedAt, status, statusColor };
}
