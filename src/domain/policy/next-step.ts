/** What a question leads to: the request it may start, its topic and whom to hand it off to. */
import { contentStems } from './text.js';
import type { QueryUnit } from './question-units.js';
import type { HandoffRole, PolicyNextStep, PolicyTopic } from './policy-types.js';
import { KINDS } from '../../kinds/registry.js';
import { lostDevice } from '../../kinds/lost-device/kind.js';

export const has = (units: QueryUnit[], id: string) => units.some((u) => u.concepts.some((c) => c.concept.id === id));

/**
 * One test a question may pass to lead to a kind, in the vocabulary's concept ids
 * (src/domain/policy/vocabulary.ts). Every part given must hold.
 */
export interface QuestionClause {
  /** Each group: the question mentions at least one of its concepts. */
  all?: readonly (readonly string[])[];
  /** The question mentions none of these concepts. */
  none?: readonly string[];
  /**
   * The question's own words, for what concepts cannot say (e.g. "get Scratch on my laptop").
   * `knownAs` gives the concepts a phrase of the question is exactly known as.
   */
  says?(question: string, knownAs: (phrase: string) => string[]): boolean;
}

/** How a kind says which policy questions lead to it: their answer card offers to start it. */
export interface QuestionMatch {
  /** The question leads here when one of these holds. */
  anyOf: readonly QuestionClause[];
  /**
   * When several kinds match, the highest wins: the request a question is about beats the things
   * it mentions on the way ("install Audacity on my laptop" asks for software, not about laptops).
   */
  precedence: number;
  /** What an answer leading here is filed under. */
  topic?: PolicyTopic;
}

/** Everything staff can start from an answer card, each with how questions lead to it (in its own folder). */
function startable(): readonly { id: string; leadsFrom?: QuestionMatch }[] {
  return [lostDevice, ...KINDS];
}

function holds(clause: QuestionClause, units: QueryUnit[], question: string): boolean {
  if (clause.all && !clause.all.every((group) => group.some((id) => has(units, id)))) return false;
  if (clause.none?.some((id) => has(units, id))) return false;
  if (!clause.says) return true;
  const knownAs = (phrase: string) =>
    contentStems(phrase).flatMap((st) => units.filter((u) => u.alternatives.get(st) === 1).flatMap((u) => u.concepts.map((c) => c.concept.id)));
  return clause.says(question, knownAs);
}

/** The kind a question leads to (its id), from the kinds' own `leadsFrom`; answering code names no kind. */
export function nextStepFor(units: QueryUnit[], question = ''): PolicyNextStep | undefined {
  let best: { id: string; precedence: number } | undefined;
  for (const kind of startable()) {
    const match = kind.leadsFrom;
    if (!match || (best && best.precedence >= match.precedence)) continue;
    if (match.anyOf.some((clause) => holds(clause, units, question))) best = { id: kind.id, precedence: match.precedence };
  }
  return best?.id;
}

export function topicFor(units: QueryUnit[], nextStep: PolicyNextStep | undefined): PolicyTopic {
  const kindTopic = startable().find((k) => k.id === nextStep)?.leadsFrom?.topic;
  if (kindTopic) return kindTopic;
  const tally = new Map<PolicyTopic, number>();
  for (const u of units) {
    for (const c of u.concepts) {
      if (c.concept.topic) tally.set(c.concept.topic, (tally.get(c.concept.topic) ?? 0) + (c.concept.weight ?? 1));
    }
  }
  let best: PolicyTopic = 'other';
  let bestScore = 0;
  for (const [t, s] of tally) {
    if (s > bestScore) {
      best = t;
      bestScore = s;
    }
  }
  return best;
}

export function handoffFor(units: QueryUnit[], topic: PolicyTopic): HandoffRole {
  if (topic === 'data_protection') return 'dpc';
  if (['breach', 'dpc', 'data_protection_law', 'sar', 'ico', 'sharing_data'].some((id) => has(units, id))) return 'dpc';
  return 'it_manager';
}
