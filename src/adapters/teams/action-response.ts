import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import { renderCard, type AdaptiveCardJson } from './card-renderer.js';

/**
 * Answers an Action.Execute at once: a card replaces the clicked one for the person who clicked,
 * text shows as a message. Sent here rather than returned to teams-ai, which would otherwise also
 * rewrite a card that has a refresh section for everyone, when each viewer must keep their own view.
 */
export async function respondToAction(context: TurnContext, answer: AdaptiveCardJson | string): Promise<AdaptiveCardJson | string> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: {
      status: 200,
      body:
        typeof answer === 'string'
          ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: answer }
          : { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: answer },
    },
  });
  return answer;
}

/**
 * After every route has had its turn: an invoke nobody answered (an unknown or outdated card verb,
 * an invoke this bot does not offer) still gets an answer, so it never becomes a 5xx.
 */
export async function answerUnansweredInvoke(context: TurnContext): Promise<void> {
  const activity = context.activity;
  if (activity.type !== ActivityTypes.Invoke || context.turnState.get(INVOKE_RESPONSE_KEY)) return;
  if (activity.name === 'adaptiveCard/action') {
    await respondToAction(context, "That button is from a card I can't act on any more. Type **help** to see what I can do.");
    return;
  }
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
}

/** How a destructive action's confirmation reads. */
export interface Confirmation {
  /** "Cancel your software install request?" */
  question: string;
  /** What it is about, e.g. the request's subject. */
  subject: string;
  /** What happens, e.g. "Megan Bowen will be told it's no longer needed." */
  consequence: string;
  confirmTitle: string;
  keepTitle: string;
}

/**
 * Destructive actions ask first. The first tap (data without `confirm`) answers with a card whose
 * two buttons repeat the same verb and data with `confirm: 'yes'` or `confirm: 'no'`; this says
 * which of the three a tap is, and gives the card for the first.
 */
export function confirmationStep(
  verb: string,
  data: Record<string, unknown> | undefined,
  wording: Confirmation,
): { step: 'confirmed' } | { step: 'kept' } | { step: 'ask'; card: AdaptiveCardJson } {
  if (data?.confirm === 'yes') return { step: 'confirmed' };
  if (data?.confirm === 'no') return { step: 'kept' };
  const { tapKey: _tapKey, confirm: _confirm, ...rest } = data ?? {};
  return {
    step: 'ask',
    card: renderCard('confirm-action', { ...wording, verb, confirmData: { ...rest, confirm: 'yes' }, keepData: { ...rest, confirm: 'no' } }),
  };
}
