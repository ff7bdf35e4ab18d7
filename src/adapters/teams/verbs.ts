/** Every card verb the bot answers, in one place: cards and routes both refer to these. */
export const VERBS = {
  /** Welcome-card button: start one of the bot's flows. Data: { flow }. */
  startFlow: 'start-flow',
} as const;

/** The flows a user can start from the welcome card or by command. */
export const FLOWS = ['ask', 'software', 'password_sharing', 'personal_device', 'lost_device', 'my_requests'] as const;
export type Flow = (typeof FLOWS)[number];

export function isFlow(value: unknown): value is Flow {
  return typeof value === 'string' && (FLOWS as readonly string[]).includes(value);
}
