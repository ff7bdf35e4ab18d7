import { z } from 'zod';

/** Teams always sends these as strings; a date that does not parse would break the turn later. */
const dateText = z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s)), 'is not a date');
const account = z
  .object({ id: z.string().min(1).max(512), name: z.string().max(1024).nullish(), aadObjectId: z.string().max(128).nullish(), role: z.string().max(64).nullish() })
  .passthrough();
const plainObject = z.record(z.unknown());

/**
 * The structure of a Bot Framework activity, as far as the bot relies on it. Anything else in it
 * is passed through; content (text, card data) is checked where it is used.
 */
const activitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(1024).nullish(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(2048),
    from: account,
    recipient: account,
    conversation: z
      .object({ id: z.string().min(1).max(1024), conversationType: z.string().max(64).nullish(), tenantId: z.string().max(128).nullish(), isGroup: z.boolean().nullish() })
      .passthrough(),
    timestamp: dateText.nullish(),
    localTimestamp: dateText.nullish(),
    expiration: dateText.nullish(),
    text: z.string().nullish(),
    textFormat: z.string().max(64).nullish(),
    locale: z.string().max(64).nullish(),
    name: z.string().max(256).nullish(),
    replyToId: z.string().max(1024).nullish(),
    entities: z.array(z.object({ type: z.string().max(256) }).passthrough()).nullish(),
    attachments: z.array(z.object({ contentType: z.string().max(256) }).passthrough()).nullish(),
    channelData: plainObject.nullish(),
    membersAdded: z.array(account).nullish(),
    membersRemoved: z.array(account).nullish(),
    reactionsAdded: z.array(plainObject).nullish(),
    reactionsRemoved: z.array(plainObject).nullish(),
  })
  .passthrough()
  .superRefine((activity, ctx) => {
    if (activity.type !== 'invoke') return;
    if (typeof activity.name !== 'string' || activity.name === '') {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['name'], message: 'an invoke needs a name' });
      return;
    }
    if (activity.name !== 'adaptiveCard/action') return;
    const action = z
      .object({ action: z.object({ type: z.string().max(64).nullish(), verb: z.string().min(1).max(256), data: plainObject.nullish() }).passthrough() })
      .passthrough()
      .safeParse(activity.value);
    if (!action.success) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['value', 'action'], message: 'a card action needs an action with a verb' });
  });

/**
 * Why a request body is not an activity the bot can handle, in one short line; undefined when it
 * is one. The server answers such a body with 400 before anything else runs.
 */
export function activityProblem(body: unknown): string | undefined {
  const parsed = activitySchema.safeParse(body);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  return `${issue.path.join('.') || 'body'}: ${issue.message}`.slice(0, 200);
}
