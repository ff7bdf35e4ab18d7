import { performance } from 'node:perf_hooks';
import type { QuestionRecord } from '../src/domain/questions/question-service.js';
import type { AuditEntry } from '../src/domain/requests/audit.js';
import type { ApprovalRequest } from '../src/domain/requests/request.js';

/** Staff raising requests: a trust of about a thousand people. */
export const STAFF = 1000;

/** A request and a question as the services write them: a decided software request, an answered question. */
export interface Templates {
  request: ApprovalRequest;
  question: QuestionRecord;
  audit: AuditEntry[];
}

/** Milliseconds per sample of the store's own operations, for one folder. */
export interface StoreSamples {
  put: number[];
  append: number[];
  myRequests: number[];
}


/**
 * Takes one sample from each subject in turn (the order reversed every other round), so a change
 * in the machine's load hits every size alike.
 */
export async function alternate<C>(
  subjects: readonly C[],
  times: number,
  record: (subject: number, ms: number) => void,
  operation: (subject: C, i: number) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < times; i++) {
    const order = subjects.map((_, n) => n);
    for (const n of i % 2 ? order.reverse() : order) {
      const start = performance.now();
      await operation(subjects[n], i);
      record(n, performance.now() - start);
    }
  }
}
