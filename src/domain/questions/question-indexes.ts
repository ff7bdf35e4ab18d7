import type { StoreIndex } from '../ports.js';
import type { QuestionRecord } from './question-service.js';

/** The collection questions are stored in, one document per question id. */
export const QUESTIONS = 'questions';

/** The lists of the questions report a question belongs to. */
export type ReportKey = 'unanswered' | 'unhelpful' | 'suggested';

/**
 * Where a question stands in the report: `unanswered` (and no taught reply given), answers marked
 * `unhelpful`, and `suggested` when its asker tapped another clause. A question the policy owner
 * has taught an answer for has been dealt with.
 */
export function reportKeys(question: QuestionRecord): ReportKey[] {
  if (question.taughtAs) return [];
  const keys: ReportKey[] = [];
  if (question.feedback?.helpful === false) keys.push('unhelpful');
  else if (!question.answered && !question.fromTaught) keys.push('unanswered');
  if (question.choice) keys.push('suggested');
  return keys;
}

/** What the questions report lists, filed under its {@link ReportKey}s. */
export const QUESTIONS_FOR_REPORT: StoreIndex<QuestionRecord> = {
  collection: QUESTIONS,
  name: 'report',
  keys: reportKeys,
};

/** Questions still holding their words, filed under the day (YYYY-MM-DD) they were asked. */
export const QUESTIONS_TO_PURGE: StoreIndex<QuestionRecord> = {
  collection: QUESTIONS,
  name: 'retention',
  keys: (question) => (question.purgedAt ? undefined : question.askedAt.slice(0, 10)),
};
