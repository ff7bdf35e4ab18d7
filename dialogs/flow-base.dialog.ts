import { ActivityTypes, type Activity, type Attachment, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogTurnStatus,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';

/** The Action.Submit verb every flow's form, summary and Cancel buttons carry. */
export const FLOW_FORM_VERB = 'flow-form';

/** cards/<name>.json bound to data, as an attachment: the Teams layer's renderer, passed in (dialogs import no adapters). */
export type CardMaker = (name: string, data: object) => Attachment;

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
export async function retireTappedCard(context: TurnContext, card: CardMaker, text: string): Promise<void> {
  const id = context.activity.replyToId;
  if (!id) return;
  try {
    await context.updateActivity({
      id,
      type: 'message',
      attachments: [card('no-longer-current', { heading: 'This card is no longer current', text })],
    });
  } catch {
    // The card may have been deleted, or the channel may not allow updates: nothing to retire.
  }
}

/** What a flow card's buttons put in their data besides the inputs. */
export interface FlowCardData {
  verb: typeof FLOW_FORM_VERB;
  /** Which flow the card belongs to, so a card from another flow is not taken as an answer. */
  flow: string;
  /** Which card of the flow it is ("form", "summary", ...). */
  step?: string;
  /** "submit", "confirm", "change" or "cancel". */
  flowAction?: string;
  [input: string]: unknown;
}

const CANCEL_WORDS = /^\s*\/?(cancel|stop|quit|exit|never ?mind|forget it)\s*[.!]*\s*$/i;
const HELP_WORDS = /^\s*\/?(help|\?)\s*[.!?]*\s*$/i;

/**
 * What the message route decided a typed message is, for the running flow (set on the turn before
 * the flow is continued): "cancel" in any words ("nvm"), or the answer to the field on screen.
 */
export const TYPED_AS = Symbol('typed-as');
export type TypedAs = 'cancel' | 'answer';

function typedAs(context: TurnContext): TypedAs | undefined {
  return context.turnState.get(TYPED_AS) as TypedAs | undefined;
}

/** Whether typed text means "cancel" or "help" inside a flow. */
export function isFlowInterruption(text: string | undefined): boolean {
  return text !== undefined && (CANCEL_WORDS.test(text) || HELP_WORDS.test(text));
}

/** The card data an activity carries when it is an Action.Submit from a flow card. */
export function flowCardData(activity: Partial<Activity>): FlowCardData | undefined {
  const value = activity.value as Record<string, unknown> | undefined;
  return activity.type === ActivityTypes.Message && value && typeof value === 'object' && value.verb === FLOW_FORM_VERB
    ? (value as FlowCardData)
    : undefined;
}

/**
 * Base of every flow: "cancel" (typed, or a card's Cancel button) and "help" work at any step.
 * Subclasses say what help to give; cancelling ends the whole flow.
 */
export abstract class FlowBaseDialog extends ComponentDialog {
  /** Shown when the user types "help" mid-flow. */
  protected abstract helpText(): string;

  /** Whether the flow holds answers the person typed or chose (then a typed "cancel" asks to confirm). */
  protected holdsAnswers(_innerDc: DialogContext): boolean {
    return false;
  }

  /** The one-tap question before a typed "cancel" throws answers away; flows that can hold answers give it. */
  protected cancelConfirmCard(): Attachment {
    throw new Error(`${this.id} holds answers but has no cancel confirmation`);
  }

  /** Shown when the user cancels. */
  protected cancelledText(): string {
    return "OK, I've stopped. Nothing was sent. Type **help** to see what else I can do.";
  }

  override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const activity = innerDc.context.activity;
    if (activity.type !== ActivityTypes.Message) return undefined;
    const data = flowCardData(activity);
    const typedCancel = !data && (CANCEL_WORDS.test(activity.text ?? '') || typedAs(innerDc.context) === 'cancel');
    if (typedCancel && this.holdsAnswers(innerDc)) {
      // A word typed in passing should not throw away a half-filled form: one tap confirms.
      await innerDc.context.sendActivity({ attachments: [this.cancelConfirmCard()] });
      return { status: DialogTurnStatus.waiting };
    }
    if ((data && data.flowAction === 'cancel' && data.flow === this.id) || typedCancel) {
      await innerDc.context.sendActivity(this.cancelledText());
      return innerDc.cancelAllDialogs();
    }
    if (data && data.flowAction === 'keep' && data.flow === this.id) {
      await innerDc.context.sendActivity('OK, carry on with the form above.');
      return { status: DialogTurnStatus.waiting };
    }
    if (!data && HELP_WORDS.test(activity.text ?? '')) {
      await innerDc.context.sendActivity(`${this.helpText()} Type **cancel** to stop.`);
      return { status: DialogTurnStatus.waiting };
    }
    return undefined;
  }
}

/** Options for {@link CardInputDialog}. */
export interface CardInputOptions {
  card: Attachment;
  /** The flow (dialog id) whose cards are accepted. */
  flow: string;
  /** Typed text the message route took as an answer ends the wait with `{ typed }` (a form's fields). */
  takesTypedAnswers?: boolean;
}

/** What a {@link CardInputDialog} that takes typed answers ends with for one. */
export interface TypedAnswerResult {
  typed: string;
}

/**
 * Sends a card and waits for one of its Action.Submit buttons. Ends with the submitted data (a
 * {@link FlowCardData}); typed text instead gets a nudge, and a card from another flow a note.
 */
export class CardInputDialog extends Dialog<CardInputOptions> {
  static readonly ID = 'card-input';

  constructor(
    protected readonly card: CardMaker,
    id = CardInputDialog.ID,
  ) {
    super(id);
  }

  override async beginDialog(dc: DialogContext, options?: CardInputOptions): Promise<DialogTurnResult> {
    if (!options) throw new TypeError('CardInputDialog needs a card and a flow');
    dc.activeDialog!.state.flow = options.flow;
    dc.activeDialog!.state.takesTypedAnswers = options.takesTypedAnswers === true;
    await dc.context.sendActivity({ attachments: [options.card] });
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const activity = dc.context.activity;
    if (activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    const data = flowCardData(activity);
    if (data && data.flow === dc.activeDialog!.state.flow) return dc.endDialog(data);
    if (!data && dc.activeDialog!.state.takesTypedAnswers && typedAs(dc.context) === 'answer' && activity.text) {
      return dc.endDialog({ typed: activity.text } satisfies TypedAnswerResult);
    }
    if (data) await retireTappedCard(dc.context, this.card, NO_LONGER_CURRENT.endedForm);
    await dc.context.sendActivity(
      data
        ? "That card is from something you started earlier. Please use the latest card, or type **cancel** to stop."
        : 'Please fill in the card above and press its button, or type **cancel** to stop.',
    );
    return Dialog.EndOfTurn;
  }
}

/** The inputs of a submitted flow card, without the button's own fields. */
export function cardInputs(data: FlowCardData | undefined): Record<string, unknown> {
  if (!data) return {};
  const { verb: _verb, flow: _flow, step: _step, flowAction: _action, ...inputs } = data;
  return inputs;
}
