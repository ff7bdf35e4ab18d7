import type { TurnContext } from 'botbuilder';
import { cardAttachment } from './card-renderer.js';

/** Why a tapped card no longer works, in a sentence for its read-only replacement. */
export const NO_LONGER_CURRENT = {
  endedForm: 'This form was already sent or stopped, so its buttons do nothing now. Type **help** to start again.',
  earlierStep: 'You have answered this already: carry on with the latest card, or type **cancel** to stop.',
} as const;

/**
 * Replaces the card whose button was just tapped (the activity's replyToId) with a read-only
 * "no longer current" card, so a form that has ended stops offering buttons that cannot work.
 * Best effort: if Teams cannot update it, the reply sent alongside still says why.
 */
export async function retireTappedCard(context: TurnContext, text: string): Promise<void> {
  const id = context.activity.replyToId;
  if (!id) return;
  try {
    await context.updateActivity({
      id,
      type: 'message',
      attachments: [cardAttachment('no-longer-current', { heading: 'This card is no longer current', text })],
    });
  } catch {
    // The card may have been deleted, or the channel may not allow updates: nothing to retire.
  }
}
