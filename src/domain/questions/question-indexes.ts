import type { StoreIndex } from '../ports.js';
import type { QuestionRecord } from './question-service.js';

/** The collection questions are stored in, one document per question id. */
export const QUESTIONS = 'questions';

/** What the questions report lists: `unanswered`, and answers marked `unhelpful`. */
export const QUESTIONS_FOR_REPORT: StoreIndex<QuestionRecord> = {
  collection: QUESTIONS,
  name: 'report',
  keys: (question) => (!question.answered ? 'unanswered' : question.feedback?.helpful === false ? 'unhelpful' : undefined),
};

/** Questions still holding their words, filed under the day (YYYY-MM-DD) they were asked. */
export const QUESTIONS_TO_PURGE: StoreIndex<QuestionRecord> = {
  collection: QUESTIONS,
  name: 'retention',
  keys: (question) => (question.purgedAt ? undefined : question.askedAt.slice(0, 10)),
};
