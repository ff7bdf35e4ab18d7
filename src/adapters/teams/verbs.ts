import { FLOW_FORM_VERB } from '../../../dialogs/flow-base.dialog.js';
import { KINDS } from '../../kinds/registry.js';
import { lostDevice } from '../../kinds/lost-device/kind.js';

/** Every card verb the bot answers, in one place: cards and routes both refer to these. */
export const VERBS = {
  /** "Did you mean…" card: the person picks what their message was for. Data: { intent, text }. */
  intentChoice: 'intent-choice',
  /** Welcome-card button: start one of the bot's flows. Data: { flow }. */
  startFlow: 'start-flow',
  /** Answer card: was this helpful? Data: { questionId, helpful }. */
  answerFeedback: 'answer-feedback',
  /** Answer card: pass the question to a person. Data: { questionId, role, personId? } (personId: another person with the role). */
  askPerson: 'ask-person',
  /** Answer card, when a hand-off is not delivered yet: try to deliver it again now. Data: { questionId }. */
  handoffRetry: 'handoff-retry',
  /** Hand-off card: the person's reply. Data: { questionId } plus the input `reply`. */
  handoffReply: 'handoff-reply',
  /** Answer card, "or did you mean…": the asker picks another clause offered. Data: { questionId, passage } (an index). */
  answerChoose: 'answer-choose',
  /** Questions report: open the teaching card for a question. Data: { questionId }. */
  teachOpen: 'teach-open',
  /** Teaching card: back to the questions report. Data: {}. */
  teachReport: 'teach-report',
  /** Teaching card: this clause answers the question. Data: { questionId } plus the inputs `passageId`, `reference`. */
  teachClause: 'teach-clause',
  /** Teaching card: the policy doesn't cover it; the owner's reply. Data: { questionId } plus the input `reply`. */
  teachReply: 'teach-reply',
  /** Questions report: confirm the clause the asker chose with "or did you mean". Data: { questionId }. */
  teachConfirm: 'teach-confirm',
  /** Questions report or teaching card: undo a taught answer. Data: { taughtId }. */
  teachForget: 'teach-forget',
  /** Form, summary and Cancel buttons of a running flow (Action.Submit). Data: { flow, step, flowAction } plus inputs. */
  flowForm: FLOW_FORM_VERB,
  /** Approval card: Approve or Reject. Data: { requestId, decision } plus the inputs `comment` / `reason`. */
  requestDecide: 'request-decide',
  /** Approval card or My requests: the requester cancels. Data: { requestId, view? }. */
  requestCancel: 'request-cancel',
  /** Approval card refresh (Universal Actions): render for the viewer from stored state. Data: { requestId }. */
  requestRefresh: 'request-refresh',
  /** A list card's "Open" button: send the request's card. Data: { requestId } (Action.Submit). */
  requestShow: 'request-show',
  /** The delegation form (Action.Submit). Inputs: { toId, until }. */
  delegateApprovals: 'delegate-approvals',
  /** Incident alert card: take the incident on (first acknowledgement wins). Data: { incidentId }. */
  incidentAcknowledge: 'incident-acknowledge',
  /** Incident alert card, once acknowledged: mark it dealt with. Data: { incidentId }. */
  incidentClose: 'incident-close',
  /** Reporter's checklist card: add the police crime reference. Data: { incidentId } plus the input `crimeReference`. */
  incidentCrimeReference: 'incident-crime-reference',
  /** My requests: the reporter's "Show" on one of their reports: send its checklist again. Data: { incidentId } (Action.Submit). */
  incidentShow: 'incident-show',
  /** Incident card refresh (Universal Actions): render for the viewer from stored state. Data: { incidentId }. */
  incidentRefresh: 'incident-refresh',
} as const;

/** The flows a user can start from the welcome card or by command: a request flow per kind (by its id), and the rest. */
export const FLOWS: readonly string[] = ['ask', ...KINDS.map((k) => k.id), lostDevice.id, 'my_requests', 'waiting_for_me'];
export type Flow = string;

/** Button titles for starting each flow, shared by the welcome card and answer cards. */
export const FLOW_TITLES: Readonly<Record<Flow, string>> = {
  ask: 'Ask a policy question',
  ...Object.fromEntries(KINDS.map((k) => [k.id, k.startTitle])),
  [lostDevice.id]: lostDevice.startTitle,
  my_requests: 'My requests',
  waiting_for_me: 'Waiting for me',
};

export function isFlow(value: unknown): value is Flow {
  return typeof value === 'string' && FLOWS.includes(value);
}
