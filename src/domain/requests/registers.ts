import { z } from 'zod';
import type { Clock, DocumentStore } from '../ports.js';
import { systemClock } from '../ports.js';
import type { Trust } from '../trust/trust.js';
import type { Incident } from '../incidents/incident.js';
import { INCIDENTS } from '../incidents/incident.js';
import { lostDevice } from '../../kinds/lost-device/kind.js';
import { recordAudit } from './audit.js';
import type { ActorContext, ServiceDeps } from './context.js';
import { requirePerson } from './context.js';
import { NotAllowedError } from './errors.js';
import { KINDS } from '../../kinds/registry.js';
import type { AnyRequestKind, RegisterHelpers } from './request-kind.js';
import type { ApprovalRequest } from './request.js';
import { REQUESTS } from './request.js';
import { parseInput } from './schema-helpers.js';
import { dateInZone, isoInZone } from '../time/zoned-time.js';

/** The registers the policies ask for: one per request kind, then lost and stolen items. */
export const REGISTERS: readonly string[] = [...KINDS.map((k) => k.register.key), lostDevice.register.key];
export type RegisterKind = string;

/** Register titles, also used for file names. */
export const REGISTER_LABELS: Readonly<Record<RegisterKind, string>> = Object.fromEntries([
  ...KINDS.map((k) => [k.register.key, k.register.label]),
  [lostDevice.register.key, lostDevice.register.label],
]);

const registerSchema = z
  .string({ errorMap: () => ({ message: 'Please choose which register to export.' }) })
  .refine((key) => REGISTERS.includes(key), 'Please choose which register to export.');

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
    filename: `${slug}-${dateInZone(now, deps.trust.data.timeZone)}.csv`,
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
  key: RegisterKind,
  visible: (school: string | undefined) => boolean,
): Promise<CsvValue[][]> {
  const name = (id: string | undefined) => (id ? (trust.findById(id)?.name ?? id) : undefined);
  // Instants read in the trust's time zone with their offset, so a 09:30 BST approval reads 09:30.
  const at = (iso: string | undefined) => (iso ? isoInZone(iso, trust.data.timeZone) : undefined);
  const schoolName = (id: string | undefined) => (id ? (trust.school(id)?.name ?? id) : 'Trust-wide');
  const kind = KINDS.find((k) => k.register.key === key);
  // The documents are read one at a time; only this register's are kept.
  if (kind) {
    const ofKind: ApprovalRequest[] = [];
    for await (const r of store.scan<ApprovalRequest>(REQUESTS)) if (r.kind === kind.id) ofKind.push(r);
    return requestTable(kind, ofKind, visible, { name, schoolName, at });
  }

  const incidents: Incident[] = [];
  for await (const i of store.scan<Incident>(INCIDENTS)) if (visible(i.school)) incidents.push(i);
  incidents.sort((a, b) => a.reportedAt.localeCompare(b.reportedAt));
  const { columns } = lostDevice.register;
  return [columns.map((c) => c.title), ...incidents.map((i) => columns.map((c) => c.value(i, { name, schoolName, at })))];
}

/**
 * A kind's register: id, date, requester and school, the kind's own columns, then the decision.
 * A register of approved requests only (a log of what is allowed) has no status column.
 */
function requestTable(
  kind: AnyRequestKind,
  all: ApprovalRequest[],
  visible: (school: string | undefined) => boolean,
  h: RegisterHelpers,
): CsvValue[][] {
  const { approvedOnly, columns, closingColumns = [] } = kind.register;
  const rows = all
    .filter((r) => r.kind === kind.id && visible(r.school) && (!approvedOnly || r.status === 'approved'))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const decision = approvedOnly ? ['Approved by', 'Approved at', 'Comment'] : ['Status', 'Decided by', 'Decided at', 'Comment or reason', 'Policy reference'];
  const header = ['Request id', 'Submitted', 'Requester', 'School', ...columns.map((c) => c.title), ...decision, ...closingColumns.map((c) => c.title)];
  return [
    header,
    ...rows.map((r) => [
      r.id,
      h.at(r.createdAt),
      h.name(r.requesterId),
      h.schoolName(r.school),
      ...columns.map((c) => c.value(r, h)),
      ...(approvedOnly ? [] : [r.status]),
      h.name(r.decision?.byId),
      h.at(r.decision?.at),
      r.decision?.comment,
      ...(approvedOnly ? [] : [r.policyReference]),
      ...closingColumns.map((c) => c.value(r, h)),
    ]),
  ];
}
