import { z } from 'zod';
import type { Clock, DocumentStore } from '../ports.js';
import { systemClock } from '../ports.js';
import type { Trust } from '../trust/trust.js';
import type { Incident } from '../incidents/incident.js';
import { INCIDENT_ITEM_LABELS, INCIDENTS } from '../incidents/incident.js';
import { recordAudit } from './audit.js';
import type { ActorContext, ServiceDeps } from './context.js';
import { requirePerson } from './context.js';
import { NotAllowedError } from './errors.js';
import type { ApprovalRequest, PasswordSharingRequest, PersonalDeviceRequest, SoftwareRequest } from './request.js';
import { REQUESTS } from './request.js';
import { parseInput } from './schema-helpers.js';

/** The registers the policies ask for. */
export const REGISTERS = ['software', 'password_sharing', 'personal_devices', 'incidents'] as const;
export type RegisterKind = (typeof REGISTERS)[number];

/** Register titles, also used for file names. */
export const REGISTER_LABELS: Record<RegisterKind, string> = {
  software: 'Software requests',
  password_sharing: 'Password-sharing authorisations',
  personal_devices: 'Personal devices log',
  incidents: 'Lost and stolen devices and breaches',
};

const registerSchema = z.enum(REGISTERS, { errorMap: () => ({ message: 'Please choose which register to export.' }) });

/** An exported register, ready to send as a file. */
export interface RegisterExport {
  register: RegisterKind;
  /** e.g. `software-requests-2025-01-31.csv` */
  filename: string;
  /** UTF-8 CSV with a byte-order mark (so Excel reads names correctly) and CRLF line ends. */
  csv: string;
  /** Data rows, not counting the header. */
  rowCount: number;
}

/** What a CSV cell can be made from. */
export type CsvValue = string | number | boolean | null | undefined | Date;

/**
 * Exports a register as CSV. Only holders of the trust's export roles (IT manager or SLT by
 * default) may; someone holding them only at a school gets that school's rows. The export is
 * audited, because it contains personal data.
 */
export async function exportRegister(
  deps: ServiceDeps,
  actor: ActorContext,
  register: unknown,
): Promise<RegisterExport> {
  const kind = parseInput(registerSchema, register);
  const clock: Clock = deps.clock ?? systemClock;
  const person = requirePerson(deps.trust, actor.personId);
  const exportRoles = deps.trust.registerExportRoles;
  const grants = person.roles.filter((r) => exportRoles.includes(r.role));
  if (grants.length === 0) {
    throw new NotAllowedError('Only the IT manager or a member of the senior leadership team can export registers.');
  }
  const trustWide = grants.some((r) => r.school === undefined);
  const schools = new Set(grants.flatMap((r) => (r.school ? [r.school] : [])));
  const visible = (school: string | undefined) => trustWide || (school !== undefined && schools.has(school));

  const table = await buildTable(deps.store, deps.trust, kind, visible);
  const now = clock.now();
  await recordAudit(deps.store, now, {
    actorId: person.id,
    action: 'register.exported',
    subject: 'register',
    subjectId: kind,
    conversationId: actor.conversationId,
    detail: { rows: table.length - 1 },
  });
  const slug = REGISTER_LABELS[kind].toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return {
    register: kind,
    filename: `${slug}-${now.toISOString().slice(0, 10)}.csv`,
    csv: '\uFEFF' + toCsv(table),
    rowCount: table.length - 1,
  };
}

/** RFC 4180 CSV with CRLF line ends; every cell escaped by `csvCell`. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * One CSV cell. Text a spreadsheet would run as a formula (starting with = + - @, tab or carriage
 * return) gets a leading apostrophe; cells with commas, quotes or line breaks are quoted, with
 * quotes doubled.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text =
    value instanceof Date ? value.toISOString() : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

async function buildTable(
  store: DocumentStore,
  trust: Trust,
  kind: RegisterKind,
  visible: (school: string | undefined) => boolean,
): Promise<CsvValue[][]> {
  const name = (id: string | undefined) => (id ? (trust.findById(id)?.name ?? id) : undefined);
  const schoolName = (id: string | undefined) => (id ? (trust.school(id)?.name ?? id) : 'Trust-wide');
  const requests = (await store.list<ApprovalRequest>(REQUESTS))
    .filter((r) => visible(r.school))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const decided = (r: ApprovalRequest) => [name(r.decision?.byId), r.decision?.at, r.decision?.comment];

  switch (kind) {
    case 'software':
      return [
        ['Request id', 'Submitted', 'Requester', 'School', 'Software', 'Link', 'Device', 'Reason', 'Status',
          'Decided by', 'Decided at', 'Comment or reason', 'Policy reference'],
        ...requests
          .filter((r): r is SoftwareRequest => r.kind === 'software')
          .map((r) => [r.id, r.createdAt, name(r.requesterId), schoolName(r.school), r.details.software, r.details.url,
            r.details.device, r.details.reason, r.status, ...decided(r), r.policyReference]),
      ];
    case 'password_sharing':
      return [
        ['Request id', 'Submitted', 'Account owner', 'School', 'Shared with', 'System', 'Reason', 'From', 'Until',
          'Status', 'Decided by', 'Decided at', 'Comment or reason', 'IT informed at', 'Owner told to change password at'],
        ...requests
          .filter((r): r is PasswordSharingRequest => r.kind === 'password_sharing')
          .map((r) => [r.id, r.createdAt, name(r.requesterId), schoolName(r.school), r.details.sharedWithName,
            r.details.system, r.details.reason, r.details.from, r.details.until, r.status, ...decided(r),
            r.itInformedAt, r.expiryNotifiedAt]),
      ];
    case 'personal_devices':
      // The log holds approved declarations only: a device is "in the log" once approved.
      return [
        ['Request id', 'Declared', 'Person', 'School', 'Device', 'Used to access', 'Screen lock', 'Encrypted',
          'Updates on', 'Approved by', 'Approved at', 'Comment'],
        ...requests
          .filter((r): r is PersonalDeviceRequest => r.kind === 'personal_device' && r.status === 'approved')
          .map((r) => [r.id, r.createdAt, name(r.requesterId), schoolName(r.school), r.details.device,
            r.details.accesses, r.details.screenLock, r.details.encryption, r.details.updates, ...decided(r)]),
      ];
    case 'incidents': {
      const incidents = (await store.list<Incident>(INCIDENTS))
        .filter((i) => visible(i.school))
        .sort((a, b) => a.reportedAt.localeCompare(b.reportedAt));
      return [
        ['Incident id', 'Reported', 'Reporter', 'School', 'Item', 'Lost or stolen', 'Noticed on',
          'Personal data may be involved', 'Breach reporting deadline', 'Description', 'Where', 'Crime reference',
          'Status', 'Acknowledged by', 'Acknowledged at', 'Closed at'],
        ...incidents.map((i) => [i.id, i.reportedAt, name(i.reporterId), schoolName(i.school),
          INCIDENT_ITEM_LABELS[i.item], i.circumstance, i.noticedOn, i.dataInvolved, i.breachReportDeadline,
          i.description, i.location, i.crimeReference, i.status, name(i.acknowledgement?.byId),
          i.acknowledgement?.at, i.closedAt]),
      ];
    }
  }
}
