/**
 * The JSONL contract of `policy-desk ask` batch mode, shared by the command and the question-set
 * bench so that both score the same output.
 */
import type { PolicyAnswer } from '../domain/policy/policy-types.js';

/** One answer line: `{id, answered, passages: [{section, text}], topic, nextStep?, handoffRole}`. */
export interface AskAnswerLine {
  id: unknown;
  answered: boolean;
  passages: { section: string; text: string }[];
  topic: PolicyAnswer['topic'];
  nextStep?: PolicyAnswer['nextStep'];
  handoffRole: PolicyAnswer['handoffRole'];
}

/** The answer line `policy-desk ask` prints for a question with this id. */
export function askAnswerLine(id: unknown, a: PolicyAnswer): AskAnswerLine {
  return {
    id,
    answered: a.answered,
    passages: a.passages.map((p) => ({ section: p.section, text: p.text })),
    topic: a.topic,
    ...(a.nextStep ? { nextStep: a.nextStep } : {}),
    handoffRole: a.handoffRole,
  };
}
