import { INCIDENTS_BY_REPORTER, INCIDENTS_TO_PURGE, UNCLOSED_INCIDENTS } from './incidents/incident-indexes.js';
import type { StoreIndex } from './ports.js';
import { QUESTIONS_FOR_REPORT, QUESTIONS_TO_PURGE } from './questions/question-indexes.js';
import { ACTIVE_REQUESTS, REQUESTS_BY_REQUESTER, REQUESTS_TO_PURGE } from './requests/request-indexes.js';
import { TAUGHT_BY_STATE } from './teaching/teaching-indexes.js';

/** Every index the services look documents up by: a store that keeps them answers from memory. */
export const STORE_INDEXES: readonly StoreIndex<never>[] = [
  REQUESTS_BY_REQUESTER,
  ACTIVE_REQUESTS,
  REQUESTS_TO_PURGE,
  INCIDENTS_BY_REPORTER,
  UNCLOSED_INCIDENTS,
  INCIDENTS_TO_PURGE,
  QUESTIONS_FOR_REPORT,
  QUESTIONS_TO_PURGE,
  TAUGHT_BY_STATE,
] as readonly StoreIndex<never>[];
