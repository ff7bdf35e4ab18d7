import type { StoreIndex } from '../ports.js';
import type { TaughtAnswer } from './taught-answer.js';

/** The collection taught answers are stored in, one document per taught answer. */
export const TAUGHT_ANSWERS = 'taught-answers';

/** Taught answers by trust and state (`oakfield:active`): what answers questions, and what the report lists. */
export const TAUGHT_BY_STATE: StoreIndex<TaughtAnswer> = {
  collection: TAUGHT_ANSWERS,
  name: 'state',
  keys: (taught) => `${taught.trustId}:${taught.state}`,
};
