import { z } from 'zod';
import type { IncidentRouteKey } from '../trust/trust.js';
import { calendarDate, optionalId, optionalText } from '../requests/schema-helpers.js';
import { lostDevice } from '../../kinds/lost-device/kind.js';

/** The collection incidents are stored in, one document per incident id. */
export const INCIDENTS = 'incidents';

/** What was lost or stolen: a few big buttons on a phone. */
export const INCIDENT_ITEMS = ['laptop', 'phone', 'tablet', 'usb_stick', 'id_badge', 'other_device'] as const;
export type IncidentItem = (typeof INCIDENT_ITEMS)[number];

/** Stolen asks for a police crime reference. */
export const CIRCUMSTANCES = ['lost', 'stolen'] as const;
export type Circumstance = (typeof CIRCUMSTANCES)[number];

/** "Could personal or confidential data be on it, or reachable from it?" Not sure counts as yes. */
export const DATA_INVOLVED = ['yes', 'no', 'unsure'] as const;
export type DataInvolved = (typeof DATA_INVOLVED)[number];

/** open → acknowledged → closed (closing may skip acknowledging). */
export const INCIDENT_STATUSES = ['open', 'acknowledged', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** A stored report of a lost or stolen device or ID badge. */
export interface Incident {
  id: string;
  item: IncidentItem;
  circumstance: Circumstance;
  reporterId: string;
  school?: string;
  reportedAt: string;
  updatedAt: string;
  conversationId?: string;
  /** YYYY-MM-DD the reporter noticed, when they said. */
  noticedOn?: string;
  dataInvolved: DataInvolved;
  /** True unless the reporter said no data is involved: the data breach procedure applies. */
  mayInvolveData: boolean;
  /** reportedAt + the trust's breachReportHours (72): the UK GDPR deadline to report to the ICO. */
  breachReportDeadline?: string;
  /** Free text (purged under the retention rule). */
  description?: string;
  /** Free text: where it was lost or last seen (purged under the retention rule). */
  location?: string;
  crimeReference?: string;
  crimeReferenceAddedAt?: string;
  policyReference?: string;
  /** Told at once (IT manager; ops manager for badges). */
  recipientIds: string[];
  /** Also told because data may be involved (DPC, headteacher). */
  dataRecipientIds: string[];
  /** Everyone sent a card for this incident (delegates included), so every copy can be updated. */
  notifiedIds: string[];
  status: IncidentStatus;
  acknowledgement?: { byId: string; at: string };
  reminderSentAt?: string;
  closedAt?: string;
  closedById?: string;
  purgedAt?: string;
}

/** A crime reference as police forces issue them: letters, digits, slashes, dashes, spaces. */
export const crimeReferenceSchema = z
  .string({ required_error: 'Please give the crime reference number.' })
  .trim()
  .min(1, 'Please give the crime reference number.')
  .max(50, 'That crime reference is too long: please keep it to 50 characters.')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 /-]*$/,
    'A crime reference has only letters, numbers, spaces, slashes and dashes. Please check it.',
  );

/** A phone-first report: three taps (item, lost/stolen, data), everything else optional. */
export const reportIncidentSchema = z.object({
  item: z.enum(INCIDENT_ITEMS, { errorMap: () => ({ message: 'Please choose what was lost or stolen.' }) }),
  circumstance: z.enum(CIRCUMSTANCES, { errorMap: () => ({ message: 'Please say whether it was lost or stolen.' }) }),
  dataInvolved: z
    .enum(DATA_INVOLVED, { errorMap: () => ({ message: 'Please say whether personal data could be involved.' }) })
    .default('unsure'),
  noticedOn: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    calendarDate('the day you noticed').optional(),
  ),
  description: optionalText('the description', 1000),
  location: optionalText('where it happened', 200),
  crimeReference: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    crimeReferenceSchema.optional(),
  ),
  school: optionalId,
});

export type ReportIncidentInput = z.input<typeof reportIncidentSchema>;

/** Adding a crime reference to an existing report. */
export const crimeReferenceInputSchema = z.object({
  incidentId: z.unknown(),
  crimeReference: crimeReferenceSchema,
});

export type CrimeReferenceInput = z.input<typeof crimeReferenceInputSchema>;

/** Incident ids are UUIDs; anything else is refused before touching storage. */
export const incidentIdSchema = z.string().uuid();

/** Which incident routing applies to an item. */
export function incidentRouteKey(item: IncidentItem): IncidentRouteKey {
  return item === 'id_badge' ? 'id_badge' : 'device';
}

/** The reporter's checklist items. */
export type ChecklistItemId =
  | 'change_password'
  | 'report_to_police'
  | 'note_data'
  | 'do_not_recover'
  | 'replacement_badge';

/** One thing the reporter should do now; `done` when the report shows it is done. */
export interface ChecklistItem {
  id: ChecklistItemId;
  text: string;
  done: boolean;
}

/** What the reporter should do next, given the report as it stands. */
export function incidentChecklist(incident: Incident): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const badge = incident.item === 'id_badge';
  items.push({
    id: 'change_password',
    text: badge
      ? 'If your badge also signs you in to anything, change that password or PIN now.'
      : 'Change your school account password now, and any password that was saved on the device.',
    done: false,
  });
  if (incident.circumstance === 'stolen') {
    items.push({
      id: 'report_to_police',
      text: 'Report the theft to the police and add the crime reference number here when you have it.',
      done: Boolean(incident.crimeReference),
    });
  }
  if (incident.mayInvolveData) {
    items.push({
      id: 'note_data',
      text: 'Write down what personal or confidential data could be on it or reachable from it: the Data Protection Champion will ask.',
      done: false,
    });
  }
  items.push(
    badge
      ? {
          id: 'replacement_badge',
          text: 'Ask the School Operations Manager for a replacement badge; the lost one will be cancelled.',
          done: false,
        }
      : {
          id: 'do_not_recover',
          text: "If it turns up, tell the IT manager before using it again. Don't try to track or recover a stolen device yourself.",
          done: false,
        },
  );
  return items;
}

/** Removes personal free text (the report kind's `purge` fields), keeping the skeleton (ids, item, dates, flags). */
export function incidentWithoutFreeText(incident: Incident): Incident {
  const copy = structuredClone(incident);
  for (const [field, rule] of Object.entries(lostDevice.retention)) if (rule === 'purge') delete copy[field as keyof typeof lostDevice.retention];
  return copy;
}
