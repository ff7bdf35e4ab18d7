/** Every card verb the bot answers, in one place: cards and routes both refer to these. */
export const VERBS = {
  /** Welcome-card button: start one of the bot's flows. Data: { flow }. */
  startFlow: 'start-flow',
  /** Answer card: was this helpful? Data: { questionId, helpful }. */
  answerFeedback: 'answer-feedback',
  /** Answer card: pass the question to a person. Data: { questionId, role }. */
  askPerson: 'ask-person',
  /** Hand-off card: the person's reply. Data: { questionId } plus the input `reply`. */
  handoffReply: 'handoff-reply',
} as const;

/** The flows a user can start from the welcome card or by command. */
export const FLOWS = ['ask', 'software', 'password_sharing', 'personal_device', 'lost_device', 'my_requests'] as const;
export type Flow = (typeof FLOWS)[number];

/** Button titles for starting each flow, shared by the welcome card and answer cards. */
export const FLOW_TITLES: Record<Flow, string> = {
  ask: 'Ask a policy question',
  software: 'Request a software install',
  password_sharing: 'Ask to share a password',
  personal_device: 'Declare a personal device',
  lost_device: 'Report a lost or stolen device',
  my_requests: 'My requests',
};

export function isFlow(value: unknown): value is Flow {
  return typeof value === 'string' && (FLOWS as readonly string[]).includes(value);
}
