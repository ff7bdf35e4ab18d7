import type { StoreIndex } from '../ports.js';
import { INCIDENTS, type Incident } from './incident.js';

/** The person's own reports. */
export const INCIDENTS_BY_REPORTER: StoreIndex<Incident> = {
  collection: INCIDENTS,
  name: 'by-reporter',
  keys: (incident) => incident.reporterId,
};

/** Reports not closed yet, filed under their status. */
export const UNCLOSED_INCIDENTS: StoreIndex<Incident> = {
  collection: INCIDENTS,
  name: 'unclosed',
  keys: (incident) => (incident.status === 'closed' ? undefined : incident.status),
};

/** Closed reports still holding free text, filed under the day (YYYY-MM-DD) they were closed. */
export const INCIDENTS_TO_PURGE: StoreIndex<Incident> = {
  collection: INCIDENTS,
  name: 'retention',
  keys: (incident) => (incident.purgedAt || incident.status !== 'closed' ? undefined : incident.closedAt?.slice(0, 10)),
};
