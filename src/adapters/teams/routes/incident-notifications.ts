import type { Incident } from '../../../domain/incidents/incident.js';
import type { IncidentNotification } from '../../../domain/requests/notification.js';
import type { Person } from '../../../domain/trust/trust.js';
import type { BotServices } from '../bot-services.js';
import { cardAttachment, escapeUserText } from '../card-renderer.js';
import { refreshCardCopies, sendCardCopy } from '../card-copies.js';
import { NOT_IN_TRUST, type NotifyResult } from '../notifier.js';
import { nameOf, type CardNotice } from '../request-cards.js';
import { lostDevice } from '../../../kinds/lost-device/kind.js';
import { renderIncidentCardFor, ukDateTime } from './incident-cards.js';

/** Card copies of incidents are filed under this subject. */
export const INCIDENT_SUBJECT = 'incident';

/**
 * Sends one incident notification: the alert (or reminder) card with Acknowledge to the people
 * responsible, a short note to the reporter when someone takes it on or closes it, and for
 * everything else an update of the cards the person already holds.
 */
export async function sendIncidentNotification(
  services: Pick<BotServices, 'trust' | 'store' | 'clock' | 'directory' | 'notifier' | 'policies' | 'incidents'>,
  n: IncidentNotification,
): Promise<NotifyResult> {
  const person = services.trust.findById(n.to);
  if (!person) return NOT_IN_TRUST;
  const incident = await services.incidents.getIncident(n.incidentId);
  const what = `${incident.circumstance} ${lostDevice.items[incident.item].noun}`;
  switch (n.kind) {
    case 'incident_alert':
      return sendIncidentCard(services, person, incident, {
        notice: n.onBehalfOf ? { text: `You're getting this for ${nameOf(services, n.onBehalfOf)}, who is away.`, style: 'accent' } : undefined,
      });
    case 'incident_reminder':
      return sendIncidentCard(services, person, incident, { reminder: true });
    case 'incident_acknowledged': {
      await refreshIncidentCopies(services, incident, [person.id]);
      const ack = incident.acknowledgement;
      const handler = nameOf(services, ack?.byId);
      return sendIncidentNotice(services, person, {
        title: `${handler} is handling your report`,
        color: 'Good',
        text: `${handler} took on your report of a ${what}${ack ? ` on ${ukDateTime(ack.at)}` : ''}.`,
        detail: 'Keep going with your checklist: the card above stays up to date.',
      });
    }
    case 'crime_reference_added':
      await refreshIncidentCopies(services, incident, [person.id]);
      return sendIncidentNotice(services, person, {
        title: 'Crime reference added',
        color: 'Default',
        text: `${nameOf(services, incident.reporterId)}'s report of a ${what} now has the police crime reference ${escapeUserText(incident.crimeReference ?? '', 50)}.`,
        detail: null,
      });
    case 'incident_closed':
      await refreshIncidentCopies(services, incident, [person.id]);
      return sendIncidentNotice(services, person, {
        title: 'Your report is closed',
        color: 'Default',
        text: `${nameOf(services, incident.closedById)} closed your report of a ${what}${incident.closedAt ? ` on ${ukDateTime(incident.closedAt)}` : ''}.`,
        detail: null,
      });
    case 'status_changed':
      // Only updates: a person holding no copy has nothing to update, which is done, not undelivered.
      await refreshIncidentCopies(services, incident, [person.id]);
      return { delivered: true };
  }
}

/** Sends the incident's card to one person, rendered for them, and remembers the copy for later updates. */
export async function sendIncidentCard(
  services: Pick<BotServices, 'trust' | 'store' | 'clock' | 'directory' | 'notifier' | 'policies' | 'incidents'>,
  person: Person,
  incident: Incident,
  extra: { notice?: CardNotice; reminder?: boolean } = {},
): Promise<NotifyResult> {
  return sendCardCopy(services, { subject: INCIDENT_SUBJECT, id: incident.id }, person, await renderIncidentCardFor(services, incident, person, extra));
}

/**
 * Updates every stored copy of the incident's cards (only those held by `personIds` when given)
 * to the current state, each rendered for its holder. Returns how many were updated.
 */
export async function refreshIncidentCopies(
  services: Pick<BotServices, 'trust' | 'store' | 'directory' | 'notifier' | 'policies' | 'incidents'>,
  incident: Incident,
  personIds?: readonly string[],
): Promise<number> {
  return refreshCardCopies(services, { subject: INCIDENT_SUBJECT, id: incident.id }, (holder) => renderIncidentCardFor(services, incident, holder), personIds);
}

async function sendIncidentNotice(
  services: Pick<BotServices, 'notifier'>,
  person: Person,
  notice: { title: string; color: string; text: string; detail: string | null },
): Promise<NotifyResult> {
  return services.notifier.sendToUser(person.aadObjectId, { attachments: [cardAttachment('incident-notice', notice)] });
}
