import { randomUUID } from 'node:crypto';
import type { Clock, DocumentStore } from '../ports.js';
import { systemClock } from '../ports.js';
import type { Trust } from '../trust/trust.js';
import { recordAudit, SYSTEM_ACTOR } from '../requests/audit.js';
import type { ActorContext, Change, ServiceDeps } from '../requests/context.js';
import { activeDelegations, addIds, requirePerson, schoolFor } from '../requests/context.js';
import {
  AlreadyAcknowledgedError,
  IncidentClosedError,
  NotAllowedError,
  ValidationError,
} from '../requests/errors.js';
import type { IncidentNotification, Outcome } from '../requests/notification.js';
import { DAY_MS, HOUR_MS } from '../requests/request.js';
import type { DelegationMap } from '../requests/routing.js';
import { decidersFor, holdersFor, notifyTargetsFor } from '../requests/routing.js';
import { parseInput } from '../requests/schema-helpers.js';
import type { ChecklistItem, CrimeReferenceInput, Incident, ReportIncidentInput } from './incident.js';
import {
  crimeReferenceInputSchema,
  incidentChecklist,
  incidentIdSchema,
  incidentRouteKey,
  INCIDENTS,
  incidentWithoutFreeText,
  reportIncidentSchema,
} from './incident.js';
import { INCIDENTS_BY_REPORTER, INCIDENTS_TO_PURGE, UNCLOSED_INCIDENTS } from './incident-indexes.js';
import { TrackedRecords, type TrackedShape } from '../requests/tracked-records.js';

/** Everyone alerted, and their delegates; never the reporter. */
function respondersOf(incident: Incident, delegations: DelegationMap): string[] {
  return decidersFor([...incident.recipientIds, ...incident.dataRecipientIds], incident.reporterId, delegations);
}

/** Reports as tracked records: raised by the reporter, acted on by whoever was alerted, purged once closed. */
const INCIDENT_RECORDS: TrackedShape<Incident> = {
  collection: INCIDENTS,
  what: 'report',
  subject: 'incident',
  idSchema: incidentIdSchema,
  ownerOf: (i) => i.reporterId,
  raisedAt: (i) => i.reportedAt,
  byOwner: INCIDENTS_BY_REPORTER,
  waiting: { index: UNCLOSED_INCIDENTS, key: 'open', is: (i) => i.status === 'open' },
  open: (i) => i.status !== 'closed',
  actorsOf: respondersOf,
  retention: {
    index: INCIDENTS_TO_PURGE,
    closedAt: (i) => (i.status === 'closed' && i.closedAt ? new Date(i.closedAt) : undefined),
    without: incidentWithoutFreeText,
    action: 'incident.free_text_purged',
  },
};

/** A report's result: also the checklist to show the reporter straight away. */
export interface ReportOutcome extends Outcome<Incident> {
  checklist: ChecklistItem[];
}

/**
 * Lost or stolen devices and ID badges: no approval, people are told at once. The IT manager (and
 * for badges the School Operations Manager) get an Acknowledge card; when personal or confidential
 * data may be involved, the DPC and headteacher too, with the 72-hour deadline.
 */
export class IncidentService {
  private readonly store: DocumentStore;
  private readonly trust: Trust;
  private readonly clock: Clock;
  private readonly records: TrackedRecords<Incident>;

  constructor(deps: ServiceDeps) {
    this.store = deps.store;
    this.trust = deps.trust;
    this.clock = deps.clock ?? systemClock;
    this.records = new TrackedRecords({ store: this.store, clock: this.clock }, INCIDENT_RECORDS);
  }

  /**
   * Records a report and returns the alerts to send and the reporter's checklist. A report is
   * always stored, even when the roster has nobody to tell (then `notifications` is empty).
   */
  async reportIncident(actor: ActorContext, input: ReportIncidentInput): Promise<ReportOutcome> {
    const parsed = parseInput(reportIncidentSchema, input);
    const reporter = requirePerson(this.trust, actor.personId);
    const school = schoolFor(this.trust, reporter, parsed.school, 'You can only report for a school you belong to.');
    const now = this.clock.now();
    if (parsed.noticedOn && parsed.noticedOn > now.toISOString().slice(0, 10)) {
      throw new ValidationError(['The day you noticed can’t be in the future.']);
    }

    const route = this.trust.incidentRoute(incidentRouteKey(parsed.item));
    const notOthers = (ids: string[]) => [...new Set(ids)].filter((id) => id !== reporter.id);
    let recipients = notOthers(route.notifyRoles.flatMap((role) => holdersFor(this.trust, role, school)));
    if (recipients.length === 0 && route.fallbackRole) {
      recipients = notOthers(holdersFor(this.trust, route.fallbackRole, school));
    }
    const mayInvolveData = parsed.dataInvolved !== 'no';
    const dataRecipients = mayInvolveData
      ? notOthers(route.dataBreachRoles.flatMap((role) => holdersFor(this.trust, role, school))).filter(
          (id) => !recipients.includes(id),
        )
      : [];

    const delegations = await activeDelegations(this.store, now);
    const targets = [
      ...notifyTargetsFor(recipients, reporter.id, delegations).map((t) => ({ ...t, dataBreach: false })),
      ...notifyTargetsFor(dataRecipients, reporter.id, delegations).map((t) => ({ ...t, dataBreach: true })),
    ].filter((t, i, all) => all.findIndex((o) => o.to === t.to) === i);

    const at = now.toISOString();
    const incident: Incident = dropUndefined({
      id: randomUUID(),
      item: parsed.item,
      circumstance: parsed.circumstance,
      reporterId: reporter.id,
      school,
      reportedAt: at,
      updatedAt: at,
      conversationId: actor.conversationId,
      noticedOn: parsed.noticedOn,
      dataInvolved: parsed.dataInvolved,
      mayInvolveData,
      breachReportDeadline: mayInvolveData
        ? new Date(now.getTime() + this.trust.breachReportHours * HOUR_MS).toISOString()
        : undefined,
      description: parsed.description,
      location: parsed.location,
      crimeReference: parsed.crimeReference,
      crimeReferenceAddedAt: parsed.crimeReference ? at : undefined,
      policyReference: route.policyReference,
      recipientIds: recipients,
      dataRecipientIds: dataRecipients,
      notifiedIds: targets.map((t) => t.to),
      status: 'open',
    });
    await this.store.put(INCIDENTS, incident.id, incident, null);
    await recordAudit(this.store, now, {
      actorId: reporter.id,
      action: 'incident.reported',
      subject: 'incident',
      subjectId: incident.id,
      conversationId: actor.conversationId,
      to: 'open',
      detail: { item: incident.item, circumstance: incident.circumstance, mayInvolveData },
    });
    return {
      value: incident,
      checklist: incidentChecklist(incident),
      notifications: targets.map((t) => alert(t.to, 'incident_alert', incident.id, t.dataBreach, t.onBehalfOf)),
    };
  }

  /** The first person alerted (or their delegate) to acknowledge takes the incident on. */
  async acknowledge(actor: ActorContext, incidentId: unknown): Promise<Outcome<Incident>> {
    const id = this.records.id(incidentId);
    const person = requirePerson(this.trust, actor.personId);
    const delegations = await activeDelegations(this.store, this.clock.now());
    return this.update(id, (current, now) => {
      if (!respondersOf(current, delegations).includes(person.id)) {
        throw new NotAllowedError("This report wasn't sent to you, so you can't acknowledge it.", current);
      }
      if (current.status === 'closed') throw new IncidentClosedError(current);
      if (current.status === 'acknowledged') throw new AlreadyAcknowledgedError(current);
      const at = now.toISOString();
      return {
        next: { ...current, status: 'acknowledged', updatedAt: at, acknowledgement: { byId: person.id, at } },
        notifications: [
          alert(current.reporterId, 'incident_acknowledged', current.id),
          ...current.notifiedIds
            .filter((pid) => pid !== person.id)
            .map((pid) => alert(pid, 'status_changed', current.id)),
        ],
        audit: [
          {
            actorId: person.id,
            action: 'incident.acknowledged',
            conversationId: actor.conversationId,
            from: current.status,
            to: 'acknowledged',
          },
        ],
      };
    });
  }

  /**
   * Adds (or corrects) the police crime reference. Only the reporter may: the box is on their
   * checklist, and the people handling it see the reference, not the box. Who may is checked
   * before the reference itself, so nobody else is shown the reporter's checklist with problems.
   */
  async addCrimeReference(actor: ActorContext, input: CrimeReferenceInput): Promise<Outcome<Incident>> {
    const person = requirePerson(this.trust, actor.personId);
    const notReporter = (current: Incident) => new NotAllowedError('Only the person who reported this can add the crime reference here.', current);
    const before = await this.getIncident((input as { incidentId?: unknown } | undefined)?.incidentId);
    if (before.reporterId !== person.id) throw notReporter(before);
    const parsed = parseInput(crimeReferenceInputSchema, input);
    return this.update(before.id, (current, now) => {
      if (current.reporterId !== person.id) throw notReporter(current);
      if (current.status === 'closed') throw new IncidentClosedError(current);
      if (current.crimeReference === parsed.crimeReference) return undefined;
      const at = now.toISOString();
      return {
        next: { ...current, crimeReference: parsed.crimeReference, crimeReferenceAddedAt: at, updatedAt: at },
        notifications: current.notifiedIds
          .filter((pid) => pid !== person.id)
          .map((pid) => alert(pid, 'crime_reference_added', current.id)),
        audit: [{ actorId: person.id, action: 'incident.crime_reference_added', conversationId: actor.conversationId }],
      };
    });
  }

  /** Closes the incident (someone alerted, once it is dealt with); the reporter is told. */
  async closeIncident(actor: ActorContext, incidentId: unknown): Promise<Outcome<Incident>> {
    const id = this.records.id(incidentId);
    const person = requirePerson(this.trust, actor.personId);
    const delegations = await activeDelegations(this.store, this.clock.now());
    return this.update(id, (current, now) => {
      if (!respondersOf(current, delegations).includes(person.id)) {
        throw new NotAllowedError("This report wasn't sent to you, so you can't close it.", current);
      }
      if (current.status === 'closed') throw new IncidentClosedError(current);
      const at = now.toISOString();
      return {
        next: {
          ...current,
          status: 'closed',
          updatedAt: at,
          closedAt: at,
          closedById: person.id,
          acknowledgement: current.acknowledgement ?? { byId: person.id, at },
        },
        notifications: [
          alert(current.reporterId, 'incident_closed', current.id),
          ...current.notifiedIds
            .filter((pid) => pid !== person.id)
            .map((pid) => alert(pid, 'status_changed', current.id)),
        ],
        audit: [
          {
            actorId: person.id,
            action: 'incident.closed',
            conversationId: actor.conversationId,
            from: current.status,
            to: 'closed',
          },
        ],
      };
    });
  }

  /** One incident by id; NotFoundError for unknown or malformed ids. */
  async getIncident(incidentId: unknown): Promise<Incident> {
    return this.records.get(incidentId);
  }

  /** One of the person's own reports (the reporter's checklist); NotAllowedError for anyone else's. */
  async ownIncident(personId: string, incidentId: unknown): Promise<Incident> {
    const incident = await this.getIncident(incidentId);
    if (incident.reporterId !== personId) throw new NotAllowedError("That report isn't yours, so I can't show it.");
    return incident;
  }

  /** The person's own reports, newest first. */
  async myIncidents(personId: string): Promise<Incident[]> {
    return this.records.ownedBy(personId);
  }

  /** Unacknowledged incidents this person may acknowledge, oldest first. */
  async waitingFor(personId: string): Promise<Incident[]> {
    return this.records.waitingFor(personId);
  }

  /** Person ids who may acknowledge or close the incident now (for the card's refresh.userIds). */
  async respondersNow(incident: Incident): Promise<string[]> {
    return this.records.actorsNow(incident);
  }

  /** Reminds the people alerted, once, when nobody acknowledged after remindAfterHours. */
  async runDueWork(): Promise<IncidentNotification[]> {
    const { remindAfterHours } = this.trust.data.reminders;
    const delegations = await activeDelegations(this.store, this.clock.now());
    const notifications: IncidentNotification[] = [];
    for (const candidate of await this.store.find(UNCLOSED_INCIDENTS, 'open')) {
      if (candidate.status !== 'open' || candidate.reminderSentAt) continue;
      const { change } = await this.records.update(
        candidate.id,
        (current, now) => {
          if (current.status !== 'open' || current.reminderSentAt) return undefined;
          if (now.getTime() - Date.parse(current.reportedAt) < remindAfterHours * HOUR_MS) return undefined;
          const targets = [
            ...notifyTargetsFor(current.recipientIds, current.reporterId, delegations).map((t) => ({ ...t, dataBreach: false })),
            ...notifyTargetsFor(current.dataRecipientIds, current.reporterId, delegations).map((t) => ({ ...t, dataBreach: true })),
          ].filter((t, i, all) => all.findIndex((o) => o.to === t.to) === i);
          return {
            next: {
              ...current,
              reminderSentAt: now.toISOString(),
              notifiedIds: addIds(current.notifiedIds, targets.map((t) => t.to)),
            },
            notifications: targets.map((t) => alert(t.to, 'incident_reminder', current.id, t.dataBreach, t.onBehalfOf)),
            audit: [{ actorId: SYSTEM_ACTOR, action: 'incident.reminded', detail: { recipients: targets.length } }],
          };
        },
      );
      if (change) notifications.push(...(change.notifications as IncidentNotification[]));
    }
    return notifications;
  }

  /** Removes the description and location of incidents closed longer than retention.freeTextDays. */
  async purgeExpiredFreeText(): Promise<string[]> {
    return this.records.purgeExpired(this.trust.data.retention.freeTextDays * DAY_MS);
  }

  private async update(
    id: string,
    decide: (current: Incident, now: Date) => Change<Incident> | undefined,
  ): Promise<Outcome<Incident>> {
    const { value, change } = await this.records.update(id, decide);
    return { value, notifications: change?.notifications ?? [] };
  }
}

function alert(
  to: string,
  kind: IncidentNotification['kind'],
  incidentId: string,
  dataBreach?: boolean,
  onBehalfOf?: string,
): IncidentNotification {
  const n: IncidentNotification = { to, kind, incidentId };
  if (dataBreach) n.dataBreach = true;
  if (onBehalfOf) n.onBehalfOf = onBehalfOf;
  return n;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
