import { randomUUID } from 'node:crypto';
import type { DocumentStore } from '../ports.js';

/** The append-only log every state change goes to. */
export const AUDIT_LOG = 'audit';

/** `system` is the actor for scheduled work (reminders, escalations, retention). */
export const SYSTEM_ACTOR = 'system';

/** What kind of record an audit entry is about. */
export type AuditSubject = 'request' | 'incident' | 'delegation' | 'register' | 'taught-answer';

/**
 * One state change. Holds ids and statuses only, never free text, because the log is never
 * changed and personal free text must be purgeable.
 */
export interface AuditEntry {
  id: string;
  at: string;
  /** Trust person id, or `system`. */
  actorId: string;
  /** e.g. `request.approved`, `incident.reported`. */
  action: string;
  subject: AuditSubject;
  subjectId: string;
  /** The Teams conversation the action came from, when it came from one. */
  conversationId?: string;
  from?: string;
  to?: string;
  /** Extra ids or flags, e.g. `{ onBehalfOf: 'megan-bowen' }`. No free text. */
  detail?: Record<string, string | number | boolean>;
}

/** An entry before it is stamped with an id and time. */
export type AuditInput = Omit<AuditEntry, 'id' | 'at'>;

/** Appends one entry stamped with `at`. */
export async function recordAudit(store: DocumentStore, at: Date, input: AuditInput): Promise<AuditEntry> {
  const entry: AuditEntry = { id: randomUUID(), at: at.toISOString(), ...stripUndefined(input) };
  await store.append<AuditEntry>(AUDIT_LOG, entry);
  return entry;
}

/** The audit trail, oldest first; with a subject id, only that record's entries. */
export async function readAudit(store: DocumentStore, subjectId?: string): Promise<AuditEntry[]> {
  const entries = await store.readLog<AuditEntry>(AUDIT_LOG);
  return subjectId ? entries.filter((e) => e.subjectId === subjectId) : entries;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
